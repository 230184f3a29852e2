// libFuzzer target: the invitations statement (verify_invitations) and personal links
// (split_link, personal_link) on the same text. A link that splits must split the same way
// again once rebuilt.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/invitations.h"
#include "core/sodium_init.h"
#include "fuzz_support.h"
#include "trustee_fixture.h"

namespace {

constexpr const char* kTarget = "fuzz_invitations";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& t = parley::fuzz::trustee_fixture();
  if (auto st = parley::verify_invitations(t.campaign, text)) {
    if (st->count < 1 || st->count > parley::kMaxInvitations) parley::fuzz::bug(kTarget, "a verified statement has an impossible count");
  }
  if (auto parts = parley::split_link(text); parts && !parts->invite.empty()) {
    auto again = parley::split_link(parley::personal_link("https://x.example/#c=" + parts->token, parts->invite));
    if (!again || again->token != parts->token || again->invite != parts->invite) parley::fuzz::bug(kTarget, "a personal link does not rebuild");
  }
  return 0;
}

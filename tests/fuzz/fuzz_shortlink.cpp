// libFuzzer target: the two things a short link makes a reader parse (core/short_link.h). The
// first byte picks one:
//   even: the rest is what follows "#m=" in a link opened at kPage (read_short_link_target).
//         Whatever is accepted names a URL that parses, whose last segment is the manifest
//         object name of the H it states, and the short link made for that URL reads back the same.
//   odd:  the next 32 bytes are the H a name states, the rest the object fetched from storage
//         (verify_stored_manifest). It must refuse exactly what verify_manifest refuses, with the
//         same class, accept a valid token only when its H is the one stated, and otherwise say
//         wrong-manifest.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/short_link.h"
#include "core/url.h"
#include "fuzz_support.h"

namespace {

constexpr const char* kTarget = "fuzz_shortlink";
constexpr std::string_view kPage = "http://127.0.0.1:8000/";

void fuzz_where(std::string_view where) {
  auto target = parley::read_short_link_target(kPage, where);
  if (!target) return;
  if (!parley::parse_url(target->url)) parley::fuzz::bug(kTarget, "an accepted target URL does not parse");
  const std::string name = parley::manifest_object_name(target->manifest);
  const std::size_t slash = target->url.rfind('/');
  if (slash == std::string::npos || target->url.substr(slash + 1) != name) {
    parley::fuzz::bug(kTarget, "an accepted target's last segment is not the name of the H it states");
  }
  const std::string link = parley::short_link(kPage, target->url);
  const std::size_t at = link.find(parley::kShortLinkMarker);
  if (link.compare(0, kPage.size(), kPage) != 0 || at == std::string::npos) parley::fuzz::bug(kTarget, "a short link is not of its page");
  auto again = parley::read_short_link_target(kPage, std::string_view(link).substr(at + parley::kShortLinkMarker.size()));
  if (!again || again->url != target->url || again->manifest != target->manifest) {
    parley::fuzz::bug(kTarget, "the short link made for an accepted target reads back differently");
  }
}

void fuzz_object(const std::uint8_t* data, std::size_t size) {
  if (size < 32) return;
  parley::ManifestHash expected{};
  std::memcpy(expected.data(), data, 32);
  const std::string_view object(reinterpret_cast<const char*>(data + 32), size - 32);
  auto plain = parley::verify_manifest(object);
  auto stored = parley::verify_stored_manifest(object, expected);
  if (!plain) {
    if (stored || stored.error().code != plain.error().code) parley::fuzz::bug(kTarget, "a stored manifest is judged unlike a long link's");
    return;
  }
  if (plain->manifest_hash == expected) {
    if (!stored) parley::fuzz::bug(kTarget, "a valid manifest of the stated H is refused");
    if (stored->manifest_hash != expected || stored->id != plain->id) parley::fuzz::bug(kTarget, "the stored manifest read is another campaign");
  } else if (stored || stored.error().code != parley::Errc::wrong_manifest) {
    parley::fuzz::bug(kTarget, "a valid manifest of another H is not wrong-manifest");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  if (size == 0) return 0;
  if (data[0] % 2 == 0) fuzz_where(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  else fuzz_object(data + 1, size - 1);
  return 0;
}

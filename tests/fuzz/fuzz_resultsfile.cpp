// libFuzzer target: a results file (docs/RESULTS.md), the file a manager picks to compare with
// (read_results_file). Whatever is accepted shows nothing below its k: not the campaign when it
// has fewer than k responses, not a question fewer than k answered. Compared with itself, every
// question matches and every change shown is zero.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/comparison.h"
#include "fuzz_support.h"

namespace {

constexpr const char* kTarget = "fuzz_resultsfile";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::need_crypto(kTarget);
  auto read = parley::read_results_file(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!read) return 0;
  const parley::AggregateResult& r = read->result;
  const auto k = static_cast<std::size_t>(r.k > 0 ? r.k : 0);
  if (r.visible && r.responses < k) parley::fuzz::bug(kTarget, "a campaign below k is shown");
  for (const auto& q : r.questions) {
    if (q.visible && (!r.visible || q.answered < k)) parley::fuzz::bug(kTarget, "a question below k is shown");
  }
  const parley::Comparison same = parley::compare_results(r, r);
  if (same.questions.size() != r.questions.size()) parley::fuzz::bug(kTarget, "a comparison lost or added questions");
  for (const auto& c : same.questions) {
    if (c.delta && *c.delta != 0) parley::fuzz::bug(kTarget, "results compared with themselves changed");
  }
  return 0;
}

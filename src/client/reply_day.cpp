#include "client/reply_day.h"

#include <vector>

#include "core/replies.h"

namespace parley::client {

Result<ReplyDay> make_reply_day(std::size_t threads, Rng& rng) {
  if (threads < 1 || threads > kMaxRepliesPerBundle) return make_error(Errc::bad_input, "1 to 1024 conversations.");
  auto mediator = generate_recipient_key(rng);
  if (!mediator) return mediator.error();
  ReplyDay day;
  day.campaign.id = new_campaign_id(rng);
  day.campaign.mediation_to = {mediator->public_key};
  day.name = reply_bundle_name("2026-11-21", 0, 0);
  const std::string sentences(400, 'x');
  std::vector<Bytes> records;
  for (std::size_t i = 0; i < threads; ++i) {
    auto person = generate_recipient_key(rng);
    if (!person) return person.error();
    auto r = seal_reply(Reply{day.campaign.id, encode_public_key(KeyKind::recipient, person->public_key), "2026-11-21", sentences, false},
                        *mediator, rng);
    if (!r) return r.error();
    records.push_back(std::move(*r));
    if (i == 0) day.person = std::move(*person);
  }
  auto bundle = build_reply_bundle(day.campaign, "2026-11-21", 0, std::move(records), rng);
  if (!bundle) return bundle.error();
  day.bundle = std::move(*bundle);
  return day;
}

}  // namespace parley::client

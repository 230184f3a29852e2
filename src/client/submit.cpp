#include "client/submit.h"

#include "client/texts.h"
#include "core/listing.h"
#include "core/trustee.h"

namespace parley::client {

LinkAccess link_access(const Campaign& campaign, std::string_view invite) {
  if (!campaign.trustee) return LinkAccess::direct;
  return invite.empty() ? LinkAccess::needs_invitation : LinkAccess::invited;
}

AccessProblem needs_invitation_problem(const Campaign& campaign) {
  return {text("problem.needs_invitation.title"),
          text("problem.needs_invitation.detail", {{"trustee", campaign.trustee ? campaign.trustee->label : std::string()}})};
}

Result<Bytes> seal_for_storage(const Campaign& campaign, const Submission& s, std::string_view invite,
                               std::int64_t sent_unix, Rng& rng) {
  switch (link_access(campaign, invite)) {
    case LinkAccess::direct: return seal_submission(campaign, s, rng);
    case LinkAccess::invited: return seal_via_trustee(campaign, s, invite, sent_unix, rng);
    case LinkAccess::needs_invitation:
      // Refused before sealing: without a code the trustee could never release it, and the
      // person would believe they had answered.
      return make_error(Errc::bad_input, needs_invitation_problem(campaign).detail);
  }
  return make_error(Errc::bad_input, needs_invitation_problem(campaign).detail);
}

Result<OutboxItem> outbox_item(const Campaign& campaign, Bytes envelope, std::string kind, Rng& rng) {
  OutboxItem item;
  item.name = object_name(envelope);
  item.url = storage_prefix(campaign.storage.url) + item.name;
  item.storage = campaign.storage;
  item.envelope = std::move(envelope);
  item.kind = std::move(kind);
  if (auto ok = choose_form_boundary(item, rng); !ok) return ok.error();
  return item;
}

}  // namespace parley::client

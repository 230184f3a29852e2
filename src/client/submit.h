// From a respondent's submission to an envelope in the outbox, in either mode: a direct
// campaign's envelope is sealed to its readers; a trustee campaign's is sealed to the trustee
// with the invitation code of the person's personal link and the time it was sent
// (docs/FORMAT.md, "Trustee campaigns"). The app's Controller and `parley seal` both come here,
// so the choice between the two is made in one place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "client/outbox.h"
#include "core/bytes.h"
#include "core/manifest.h"
#include "core/rng.h"
#include "core/submission.h"

namespace parley::client {

// Whether the link a person opened lets them answer.
enum class LinkAccess {
  direct,             // a campaign without a trustee: anyone with the link answers (a code is ignored)
  invited,            // a trustee campaign opened with a personal link (an invitation code)
  needs_invitation,   // a trustee campaign opened without one: nothing sent could ever be released
};

// `invite` is the code of the link's "&i=" part (split_link), "" when it had none.
LinkAccess link_access(const Campaign& campaign, std::string_view invite);

// The words for a person who opened a trustee campaign without their personal link ("This
// campaign needs your personal invitation link"), for the problem screen.
struct AccessProblem {
  std::string title, detail;
};
AccessProblem needs_invitation_problem(const Campaign& campaign);

// Seals `s` as it is stored: seal_submission() in direct mode; seal_via_trustee() with `invite`
// and `sent_unix` (seconds since 1970 UTC, the caller's clock: only the trustee ever sees it)
// in a trustee campaign. Errors: bad_input with needs_invitation_problem's detail when a trustee
// campaign has no code; otherwise those of the core's sealing.
Result<Bytes> seal_for_storage(const Campaign& campaign, const Submission& s, std::string_view invite,
                               std::int64_t sent_unix, Rng& rng);

// The outbox entry for a sealed envelope of `campaign`: its object name, its address (the
// receipt) and, for s3, a form boundary drawn from `rng`. `kind` ("feedback"/"mediation") is
// only for this page's status line. bad_input when the upload cannot be prepared at all.
Result<OutboxItem> outbox_item(const Campaign& campaign, Bytes envelope, std::string kind, Rng& rng);

}  // namespace parley::client

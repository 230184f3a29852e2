// A trustee's invitations for a campaign as it hands them out: one personal link per invitee
// (the campaign link with the invitation code in its fragment, docs/FORMAT.md "Link"), as a CSV
// file for a mail merge, and the signed statement of how many there are (invitations.parley),
// which everyone may read. The codes are the trustee's alone: the manager never sees them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/keyfile.h"
#include "core/manifest.h"

namespace parley::client {

struct Invitation {
  std::uint32_t index = 0;  // 0-based: code_index of docs/FORMAT.md
  std::string code;         // 26 characters of base32
  std::string link;         // the personal link
};

struct InvitationSheet {
  std::vector<Invitation> invitations;
  std::string statement;  // the signed invitations statement: the contents of invitations.parley
};

// `count` invitations (1..kMaxInvitations) of `campaign`, whose link is `link` (any link of the
// campaign, with the app's address: a personal link's code is replaced), made with the trustee's keys. Errors: bad_input
// (no trustee, a count out of range, a link that is not this campaign's), bad_key (not the
// campaign's trustee's keys).
Result<InvitationSheet> make_invitations(const Campaign& campaign, std::string_view link, const KeySet& trustee,
                                         std::uint32_t count);

// "index,code,link" and one row per invitation, every cell quoted and defused as the results
// export's are (a cell starting with = + - @ cannot run as a spreadsheet formula). CRLF lines.
std::string invitations_csv(const std::vector<Invitation>& invitations);

// A page to print and cut: one card per invitation with the campaign's title, the personal link,
// its QR code (inline SVG, client/qr_sheet.h) and what it is for, for teams that hand links out
// in person. Plain HTML and CSS with every value escaped; no script, nothing fetched.
std::string invitations_sheet_html(const Campaign& campaign, const std::vector<Invitation>& invitations);

}  // namespace parley::client

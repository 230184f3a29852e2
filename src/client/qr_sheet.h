// Files that carry a link on paper or as a picture: its QR code as PNG or SVG, and a printable
// sheet with the title, the code and the link written out (for a campaign's share screen; a
// trustee's invitation sheet puts one code on each card the same way, client/invitation_sheet.h).
// Sheets are plain HTML and CSS with every value escaped: no script, nothing fetched (their CSP
// says so), the codes inline as SVG.
#pragma once

#include <string>
#include <string_view>

#include "client/results_export.h"
#include "core/result.h"

namespace parley::client {

enum class QrFile { png, svg, sheet };

// The file for `link` of the campaign titled `title`. Errors in plain words from encode_qr for
// a PNG or an SVG (a link that fits no QR code); the sheet is always made, and when the link
// fits no code it says so and keeps the link written out.
Result<ExportFile> link_qr_file(std::string_view link, std::string_view title, QrFile file);

// The campaign's printable sheet: title, what to do, the code and the link.
std::string link_sheet_html(std::string_view title, std::string_view link);

// The QR code of `link` as an inline SVG named `label`, printed with half-millimetre modules; or,
// for a link that fits no code, a paragraph saying why (the page writes the link out anyway).
std::string qr_figure_html(std::string_view link, std::string_view label);

}  // namespace parley::client

#include "client/invitation_sheet.h"

#include <string_view>

#include "client/qr_code.h"
#include "client/qr_sheet.h"
#include "client/texts.h"
#include "core/invitations.h"

namespace parley::client {
namespace {

// The results export's rule (core/report.cpp): always quoted, and a leading character that a
// spreadsheet would read as the start of a formula defused with an apostrophe.
std::string csv_cell(std::string_view s) {
  std::string out = "\"";
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) out += '\'';
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

Result<InvitationSheet> make_invitations(const Campaign& campaign, std::string_view link, const KeySet& trustee,
                                         std::uint32_t count) {
  while (!link.empty() && std::string_view(" \t\r\n").find(link.front()) != std::string_view::npos) link.remove_prefix(1);
  while (!link.empty() && std::string_view(" \t\r\n").find(link.back()) != std::string_view::npos) link.remove_suffix(1);
  // Invitees open their personal link in a browser: a bare token would reach no app.
  if (link.find("#c=") == std::string_view::npos && link.find("#m=") == std::string_view::npos) {
    return make_error(Errc::bad_input, "Give the campaign's whole link (the app's address, then #c=... or #m=...), not a bare token.");
  }
  auto parts = split_link(link);
  if (!parts) return parts.error();
  auto h = manifest_hash(campaign);
  if (!h) return h.error();
  // A short link names its manifest's hash; a long one carries the manifest itself.
  Result<ManifestHash> linked_h = parts->manifest;
  if (!parts->is_short()) {
    auto linked = verify_manifest(parts->token);
    if (!linked) return linked.error();
    linked_h = manifest_hash(*linked);
  }
  if (!linked_h || *linked_h != *h) {
    return make_error(Errc::bad_input, "This link is not the campaign's: personal links would lead invitees elsewhere.");
  }
  auto codes = invitation_codes(campaign, trustee, count);
  if (!codes) return codes.error();
  auto statement = sign_invitations(campaign, trustee, count);
  if (!statement) return statement.error();
  InvitationSheet sheet;
  sheet.statement = std::move(*statement);
  sheet.invitations.reserve(codes->size());
  for (std::uint32_t i = 0; i < codes->size(); ++i) {
    sheet.invitations.push_back({i, (*codes)[i], personal_link(link, (*codes)[i])});
  }
  return sheet;
}

std::string invitations_csv(const std::vector<Invitation>& invitations) {
  std::string out = csv_cell("index") + "," + csv_cell("code") + "," + csv_cell("link") + "\r\n";
  for (const auto& inv : invitations) {
    out += csv_cell(std::to_string(inv.index)) + "," + csv_cell(inv.code) + "," + csv_cell(inv.link) + "\r\n";
  }
  return out;
}

std::string invitations_sheet_html(const Campaign& campaign, const std::vector<Invitation>& invitations) {
  const std::string title = html_escape(campaign.title);
  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
      "<title>" + title + "</title><style>"
      "body{font:11pt sans-serif;margin:1cm;color:#000;background:#fff}"
      ".card{border:1px dashed #888;padding:0.6cm;margin:0 0 0.5cm;break-inside:avoid}"
      ".link{font-family:monospace;font-size:9pt;overflow-wrap:anywhere;word-break:break-all}"
      ".qr{margin:0.3cm 0}.qr svg{display:block}.noqr{font-style:italic}"
      "h2{font-size:13pt;margin:0 0 0.3cm}p{margin:0.2cm 0}"
      "</style></head><body>\n";
  for (const auto& inv : invitations) {
    const std::string number = text("invitations.sheet.number", {{"n", std::to_string(inv.index + 1)}});
    out += "<section class=\"card\"><h2>" + title + "</h2><p>" +
           html_escape(text("invitations.sheet.card", {{"closes", campaign.closes}})) + "</p>" +
           qr_figure_html(inv.link, text("invitations.sheet.qr_name", {{"n", std::to_string(inv.index + 1)}})) +
           "<p class=\"link\"><a href=\"" + html_escape(inv.link) + "\">" + html_escape(inv.link) + "</a></p><p>" +
           html_escape(number) + "</p></section>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace parley::client

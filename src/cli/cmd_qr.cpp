// parley qr: a link's QR code as PNG or SVG, and its printable sheet, as the app's share screen
// makes them (client/qr_sheet.h).
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "cli/commands.h"
#include "cli/io.h"
#include "client/qr_code.h"
#include "client/qr_sheet.h"

namespace parley::cli {
namespace {

constexpr const char* kQrUsage =
    "Usage: parley qr LINK (--png FILE | --svg FILE | --sheet FILE)... [--title TEXT]\n"
    "\n"
    "Writes the QR code of LINK (a campaign link or a personal link) for teams that hand links\n"
    "out in person: --png a black-and-white PNG about 1000 pixels wide, --svg an SVG image,\n"
    "--sheet a printable HTML page with --title, the code and the link written out. Error\n"
    "correction is level M when the link fits, else L; a link longer than any QR code holds\n"
    "(about 2,950 characters) is refused, and its sheet then only writes it out.\n";

}  // namespace

int cmd_qr(int argc, char** argv) {
  Args args(argc, argv, 2, {}, {"--png", "--svg", "--sheet", "--title"});
  if (args.help() || !args.error().empty()) return usage(kQrUsage, args.error());
  if (args.positionals().size() != 1) return usage(kQrUsage, "give one link");
  const auto png = args.get("--png"), svg = args.get("--svg"), sheet = args.get("--sheet");
  if (!png && !svg && !sheet) return usage(kQrUsage, "--png, --svg or --sheet is required");
  std::string link = args.positionals()[0];
  while (!link.empty() && (link.back() == '\n' || link.back() == '\r' || link.back() == ' ')) link.pop_back();
  while (!link.empty() && (link.front() == ' ' || link.front() == '\t')) link.erase(0, 1);

  const std::pair<const std::optional<std::string>&, client::QrFile> outputs[] = {
      {png, client::QrFile::png}, {svg, client::QrFile::svg}, {sheet, client::QrFile::sheet}};
  for (const auto& [path, kind] : outputs) {
    if (!path) continue;
    auto file = client::link_qr_file(link, args.get("--title").value_or(""), kind);
    if (!file) return fail(file.error().detail);
    if (auto ok = write_file(*path, file->data); !ok) return fail(ok.error().detail);
  }
  // What was made, for a person checking how dense the code is.
  if (auto qr = client::encode_qr(link)) {
    std::printf("version %d, level %s, %d x %d modules (%zu characters)\n", qr->version,
                qr->level == client::QrLevel::medium ? "M" : "L", qr->size, qr->size, link.size());
  }
  return kExitOk;
}

}  // namespace parley::cli

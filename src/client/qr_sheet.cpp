#include "client/qr_sheet.h"

#include "client/qr_code.h"
#include "client/texts.h"

namespace parley::client {

std::string qr_figure_html(std::string_view link, std::string_view label) {
  auto qr = encode_qr(link);
  if (!qr) return "<p class=\"noqr\">" + html_escape(qr.error().detail) + "</p>";
  return "<div class=\"qr\">" + qr_svg(*qr, qr_print_width(*qr), label) + "</div>";
}

std::string link_sheet_html(std::string_view title, std::string_view link) {
  const std::string t = html_escape(title.empty() ? text("qr.sheet.untitled") : std::string(title));
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
         "<title>" + t + "</title><style>"
         "body{font:12pt sans-serif;margin:1.5cm;color:#000;background:#fff}"
         "h1{font-size:20pt;margin:0 0 0.4cm}p{margin:0.3cm 0}.qr{margin:0.6cm 0}.qr svg{display:block}"
         ".link{font-family:monospace;font-size:8pt;overflow-wrap:anywhere;word-break:break-all}"
         ".noqr{font-style:italic}"
         "</style></head><body>\n<h1>" + t + "</h1>\n<p>" + html_escape(text("qr.sheet.intro")) + "</p>\n" +
         qr_figure_html(link, text("qr.image_name")) + "\n<p>" + html_escape(text("qr.sheet.type_link")) +
         "</p>\n<p class=\"link\"><a href=\"" + html_escape(link) + "\">" + html_escape(link) + "</a></p>\n</body></html>\n";
}

Result<ExportFile> link_qr_file(std::string_view link, std::string_view title, QrFile file) {
  if (file == QrFile::sheet) return ExportFile{"parley-campaign-sheet.html", to_bytes(link_sheet_html(title, link)), "text/html"};
  auto qr = encode_qr(link);
  if (!qr) return qr.error();
  if (file == QrFile::png) return ExportFile{"parley-campaign-qr.png", qr_png(*qr, qr_png_module_px(*qr)), "image/png"};
  return ExportFile{"parley-campaign-qr.svg", to_bytes(qr_svg(*qr, std::to_string((qr->size + 2 * kQrQuietZone) * 4) + "px",
                                                              text("qr.image_name"))),
                    "image/svg+xml"};
}

}  // namespace parley::client

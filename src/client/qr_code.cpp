#include "client/qr_code.h"

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>

#include "client/qr_png.h"
#include "client/texts.h"

namespace parley::client {
namespace {

struct FreeQr {
  void operator()(QRcode* qr) const { QRcode_free(qr); }
};
using QrPtr = std::unique_ptr<QRcode, FreeQr>;

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Result<QrCode> encode_qr(std::string_view link) {
  if (link.empty()) return make_error(Errc::bad_input, text("qr.error.empty"));
  if (link.find('\0') != std::string_view::npos) return make_error(Errc::bad_input, text("qr.error.nul"));
  // No QR code holds more than 7,089 characters of any kind (digits only): longer input is
  // refused before libqrencode spends time on it.
  if (link.size() > 7089) {
    return make_error(Errc::too_large, text("qr.error.too_long", {{"length", std::to_string(link.size())},
                                                                   {"max", std::to_string(kQrMaxBytes)}}));
  }
  const std::string input(link);  // libqrencode reads a NUL-terminated string
  for (const QrLevel level : {QrLevel::medium, QrLevel::low}) {
    errno = 0;
    // Version 0: the smallest that holds the link. QR_MODE_8 with case kept: libqrencode still
    // puts runs of digits and capitals in their denser modes where that is shorter.
    QrPtr code(QRcode_encodeString(input.c_str(), 0, level == QrLevel::medium ? QR_ECLEVEL_M : QR_ECLEVEL_L, QR_MODE_8, 1));
    if (!code) {
      if (errno == ERANGE) continue;  // too long at this level: try the next
      return make_error(Errc::bad_input, text("qr.error.failed"));
    }
    QrCode qr;
    qr.version = code->version;
    qr.level = level;
    qr.size = code->width;
    qr.modules.resize(static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size));
    for (std::size_t i = 0; i < qr.modules.size(); ++i) qr.modules[i] = code->data[i] & 1u;
    return qr;
  }
  return make_error(Errc::too_large, text("qr.error.too_long", {{"length", std::to_string(link.size())},
                                                                 {"max", std::to_string(kQrMaxBytes)}}));
}

std::string qr_svg(const QrCode& qr, std::string_view width, std::string_view label) {
  const int side = qr.size + 2 * kQrQuietZone;
  const std::string s = std::to_string(side);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" + html_escape(label) + "\" width=\"" +
                    html_escape(width) + "\" height=\"" + html_escape(width) + "\" viewBox=\"0 0 " + s + " " + s +
                    "\" shape-rendering=\"crispEdges\"><title>" + html_escape(label) + "</title><rect width=\"" + s +
                    "\" height=\"" + s + "\" fill=\"#fff\"/><path stroke=\"#000\" stroke-width=\"1\" d=\"";
  // Each row's dark runs as strokes along the row's middle: M to the first, then relative moves.
  int row = -1, pen = 0;  // the row being stroked, and x where its last stroke ended
  qr.for_each_dark_run([&](int y, int x, int end) {
    if (y != row) out += "M" + std::to_string(x + kQrQuietZone) + " " + std::to_string(y + kQrQuietZone) + ".5";
    else out += "m" + std::to_string(x - pen) + " 0";
    out += "h" + std::to_string(end - x);
    row = y;
    pen = end;
  });
  return out + "\"/></svg>";
}

Bytes qr_png(const QrCode& qr, int module_px) {
  module_px = std::clamp(module_px, 1, 64);
  const int side = (qr.size + 2 * kQrQuietZone) * module_px;
  std::vector<bool> black(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), false);
  for (int y = 0; y < side; ++y) {
    const int my = y / module_px - kQrQuietZone;
    if (my < 0 || my >= qr.size) continue;
    for (int x = 0; x < side; ++x) {
      const int mx = x / module_px - kQrQuietZone;
      if (mx >= 0 && mx < qr.size && qr.dark(mx, my)) black[static_cast<std::size_t>(y) * static_cast<std::size_t>(side) + static_cast<std::size_t>(x)] = true;
    }
  }
  return png_black_white(side, side, black);
}

int qr_png_module_px(const QrCode& qr) { return std::clamp(1000 / (qr.size + 2 * kQrQuietZone), 4, 64); }

std::string qr_print_width(const QrCode& qr) {
  const int half_mm = std::max(qr.size + 2 * kQrQuietZone, 60);  // in half millimetres
  return std::to_string(half_mm / 2) + (half_mm % 2 ? ".5mm" : "mm");
}

}  // namespace parley::client

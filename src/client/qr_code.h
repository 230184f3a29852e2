// QR codes of links, for teams that hand links out in person: a link encoded by libqrencode
// (Debian's source, built by cmake/Dependencies.cmake) into a matrix of modules, and that
// matrix as SVG text or PNG bytes. The app draws the same matrix on screen (ui/widget_qr.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"

namespace parley::client {

// Error correction: M (15% of the code may be damaged) whenever the link fits at that level,
// else L (7%), which holds the most: a campaign link that carries its whole signed manifest
// needs it, a short link does not.
enum class QrLevel { low, medium };

struct QrCode {
  int version = 0;                    // 1..40
  QrLevel level = QrLevel::medium;
  int size = 0;                       // modules per side, 21..177, without the quiet zone
  std::vector<std::uint8_t> modules;  // size * size, row by row, 1 = dark

  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0; }

  // Calls run(y, x, end) for each horizontal run of dark modules [x, end) of row y, in reading
  // order: what the SVG strokes and the app's rectangles are drawn from.
  template <typename Run>
  void for_each_dark_run(Run&& run) const {
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size;) {
        if (!dark(x, y)) {
          ++x;
          continue;
        }
        int end = x;
        while (end < size && dark(end, y)) ++end;
        run(y, x, end);
        x = end;
      }
    }
  }
};

// The light margin around a code, in modules, that readers need to find it (ISO/IEC 18004).
inline constexpr int kQrQuietZone = 4;
// The most bytes any QR code holds (version 40, level L, all of it in byte mode): about as long
// as a link can be, as digits and capitals in a link are few.
inline constexpr std::size_t kQrMaxBytes = 2953;

// Text for an HTML or SVG element, or a double-quoted attribute (the sheets and the SVG).
std::string html_escape(std::string_view s);

// The QR code of `link` (its bytes as they are; surrounding blanks are the caller's to trim).
// Errors in plain words: bad_input (empty, or a NUL character, which no link has), too_large
// (more than any QR code holds, even at level L).
Result<QrCode> encode_qr(std::string_view link);

// The code as an SVG image with the quiet zone: `width` is its printed size with a unit
// ("92mm", "740px"); `label` its accessible name (role="img", aria-label and <title>), escaped.
// Dark modules are drawn as horizontal strokes of one path, crisp at any scale.
std::string qr_svg(const QrCode& qr, std::string_view width, std::string_view label);

// The code as a black-and-white PNG with the quiet zone, `module_px` (1..64) pixels per module.
Bytes qr_png(const QrCode& qr, int module_px);
// Pixels per module for a PNG about a thousand pixels wide, as big as a print or a screen needs.
int qr_png_module_px(const QrCode& qr);

// The width of a printed code whose modules are half a millimetre (what phone cameras read
// comfortably from a hand's length), and at least 3 cm: "92.5mm".
std::string qr_print_width(const QrCode& qr);

}  // namespace parley::client

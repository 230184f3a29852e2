// QR codes of links (client/qr_code.h, client/qr_png.h, client/qr_sheet.h): the matrix of a known
// link, the choice of error correction, refusals, and the SVG, PNG and sheets read back by other
// code than the writer's (zlib inflates the PNG; the SVG's path is parsed back into modules).
#include "client/qr_code.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "client/invitation_sheet.h"
#include "client/qr_png.h"
#include "client/qr_sheet.h"
#include "support/rng.h"
#include "support/trustee_campaigns.h"

namespace parley::client {
namespace {

std::vector<std::string> rows_of(const QrCode& qr) {
  std::vector<std::string> rows;
  for (int y = 0; y < qr.size; ++y) {
    std::string row;
    for (int x = 0; x < qr.size; ++x) row += qr.dark(x, y) ? '#' : '.';
    rows.push_back(row);
  }
  return rows;
}

// The dark modules an SVG's path draws, as rows like rows_of's (its strokes parsed back).
std::vector<std::string> rows_of_svg(const std::string& svg, int size) {
  std::vector<std::string> rows(static_cast<std::size_t>(size), std::string(static_cast<std::size_t>(size), '.'));
  const auto d = svg.find(" d=\"");
  if (d == std::string::npos) return {};
  const std::string path = svg.substr(d + 4, svg.find('"', d + 4) - d - 4);
  int x = 0, y = 0;
  std::size_t i = 0;
  auto number = [&] {
    std::size_t used = 0;
    const int v = std::stoi(path.substr(i), &used);
    i += used;
    return v;
  };
  while (i < path.size()) {
    const char c = path[i++];
    if (c == 'M') {
      x = number() - kQrQuietZone;
      ++i;  // the space
      y = number() - kQrQuietZone;
      if (path.compare(i, 2, ".5") != 0) return {};
      i += 2;
    } else if (c == 'm') {
      x += number();
      if (path.compare(i, 2, " 0") != 0) return {};
      i += 2;
    } else if (c == 'h') {
      const int n = number();
      for (int k = 0; k < n; ++k) {
        if (x < 0 || x >= size || y < 0 || y >= size) return {};
        rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x++)] = '#';
      }
    } else {
      return {};
    }
  }
  return rows;
}

std::uint32_t be32(const Bytes& b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

Bytes inflate_all(const Bytes& z, std::size_t expected) {
  Bytes out(expected + 16);
  uLongf size = static_cast<uLongf>(out.size());
  if (uncompress(out.data(), &size, z.data(), static_cast<uLong>(z.size())) != Z_OK) return {};
  out.resize(size);
  return out;
}

// A PNG read back: every chunk's CRC checked, the IDAT data inflated by zlib, the rows unpacked.
struct Png {
  int width = 0, height = 0;
  std::vector<std::string> rows;  // '#' black, '.' white
  std::string error;
};
Png read_png(const Bytes& png) {
  Png out;
  const Bytes signature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (png.size() < 8 || !std::equal(signature.begin(), signature.end(), png.begin())) return {0, 0, {}, "no signature"};
  Bytes idat;
  std::vector<std::string> types;
  for (std::size_t at = 8; at < png.size();) {
    if (at + 12 > png.size()) return {0, 0, {}, "truncated chunk"};
    const std::uint32_t length = be32(png, at);
    const std::string type(png.begin() + static_cast<long>(at) + 4, png.begin() + static_cast<long>(at) + 8);
    if (at + 12 + length > png.size()) return {0, 0, {}, "chunk past the end"};
    if (crc32(png.data() + at + 4, length + 4) != be32(png, at + 8 + length)) return {0, 0, {}, "bad CRC in " + type};
    const Bytes data(png.begin() + static_cast<long>(at) + 8, png.begin() + static_cast<long>(at + 8 + length));
    if (type == "IHDR") {
      if (length != 13 || data[8] != 1 || data[9] != 0 || data[12] != 0) return {0, 0, {}, "not 1-bit grey"};
      out.width = static_cast<int>(be32(data, 0));
      out.height = static_cast<int>(be32(data, 4));
    } else if (type == "IDAT") {
      idat.insert(idat.end(), data.begin(), data.end());
    }
    types.push_back(type);
    at += 12 + length;
  }
  if (types.empty() || types.front() != "IHDR" || types.back() != "IEND") return {0, 0, {}, "chunks out of order"};
  const std::size_t row_bytes = (static_cast<std::size_t>(out.width) + 7) / 8;
  const Bytes raw = inflate_all(idat, (row_bytes + 1) * static_cast<std::size_t>(out.height));
  if (raw.size() != (row_bytes + 1) * static_cast<std::size_t>(out.height)) return {0, 0, {}, "IDAT does not inflate to the image"};
  for (int y = 0; y < out.height; ++y) {
    const std::size_t start = static_cast<std::size_t>(y) * (row_bytes + 1);
    if (raw[start] != 0) return {0, 0, {}, "a row filter other than none"};
    std::string row;
    for (int x = 0; x < out.width; ++x) {
      const std::uint8_t byte = raw[start + 1 + static_cast<std::size_t>(x) / 8];
      row += (byte >> (7 - x % 8)) & 1 ? '.' : '#';
    }
    out.rows.push_back(row);
  }
  return out;
}

// Pinned: the code libqrencode 4.1.1 makes of this link at level M (version 3), read back from a
// PNG by zbarimg when it was written down. A change here means every printed code changes.
const char* const kKnownLink = "https://parley.example/#m=Xq7Lm2Pz9Ka";
const std::vector<std::string> kKnownRows = {
    "#######..#..#.##.####.#######",
    "#.....#..##....#..#.#.#.....#",
    "#.###.#....#..####..#.#.###.#",
    "#.###.#...#.##.....#..#.###.#",
    "#.###.#..#....#.#.#...#.###.#",
    "#.....#.##.##..###.##.#.....#",
    "#######.#.#.#.#.#.#.#.#######",
    ".........#####.####.#........",
    "#..#.##.###...##...#.#.#.....",
    "#....#.#.##..#......###..#..#",
    "...#..##..#..##....###..####.",
    "#......##..#.#....###..##.##.",
    ".####.#.##..#.##.##..##..#.##",
    ".......#.#.#.##...###........",
    "#.#..##..#.#.##.##..#..#.####",
    ".##.##.###.#...#.####..#.#.#.",
    "..###.####.#.#..#...#..#...#.",
    "..#..#.###.########..###.#..#",
    "#.#...##.#..#.#.#.#..#.##..##",
    "....##..##..#.#.##...#.#...##",
    "#.###.####..#.......#####.#..",
    "........#.##..#..####...#.###",
    "#######..####...#.#.#.#.#..#.",
    "#.....#.####..###.#.#...###..",
    "#.###.#..##....####.#####..##",
    "#.###.#.#.#......##...######.",
    "#.###.#...###.#.#...#...###.#",
    "#.....#..###.#.####.#..#...#.",
    "#######.#.#.#.##....##..#..#.",
};

TEST(QrCode, EncodesAKnownLinkToTheSameModules) {
  auto qr = encode_qr(kKnownLink);
  ASSERT_TRUE(qr.ok()) << qr.error().detail;
  EXPECT_EQ(qr->level, QrLevel::medium);
  EXPECT_EQ(qr->size, 17 + 4 * qr->version);
  EXPECT_EQ(rows_of(*qr), kKnownRows);
  // The three finder patterns, whatever the mask: a dark ring, a light ring, a dark 3x3 centre.
  for (const auto [ox, oy] : {std::pair{0, 0}, std::pair{qr->size - 7, 0}, std::pair{0, qr->size - 7}}) {
    for (int y = 0; y < 7; ++y) {
      for (int x = 0; x < 7; ++x) {
        const bool ring = x == 0 || y == 0 || x == 6 || y == 6, centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
        EXPECT_EQ(qr->dark(ox + x, oy + y), ring || centre) << ox << "," << oy << " +" << x << "," << y;
      }
    }
  }
  for (int i = 8; i < qr->size - 8; ++i) {  // timing patterns
    EXPECT_EQ(qr->dark(i, 6), i % 2 == 0);
    EXPECT_EQ(qr->dark(6, i), i % 2 == 0);
  }
}

TEST(QrCode, ChoosesMWhenTheLinkFitsAndLOtherwise) {
  auto short_link = encode_qr("https://parley.example/app/#m=" + std::string(70, 'a'));
  ASSERT_TRUE(short_link.ok());
  EXPECT_EQ(short_link->level, QrLevel::medium);
  EXPECT_LE(short_link->version, 7);
  // Today's campaign links (about 2,400 characters) fit only at level L, in a version near the largest.
  auto long_link = encode_qr("https://parley.example/app/#c=" + std::string(2370, 'x'));
  ASSERT_TRUE(long_link.ok()) << long_link.error().detail;
  EXPECT_EQ(long_link->level, QrLevel::low);
  EXPECT_EQ(long_link->version, 36);
  EXPECT_EQ(long_link->size, 161);
  auto largest = encode_qr(std::string(kQrMaxBytes, 'x'));
  ASSERT_TRUE(largest.ok());
  EXPECT_EQ(largest->version, 40);
  EXPECT_EQ(largest->size, 177);
  // M holds 2,331 bytes at most: one more is L.
  EXPECT_EQ(encode_qr(std::string(2331, 'x'))->level, QrLevel::medium);
  EXPECT_EQ(encode_qr(std::string(2332, 'x'))->level, QrLevel::low);
}

TEST(QrCode, RefusesWhatNoCodeHoldsInPlainWords) {
  EXPECT_TRUE(encode_qr(std::string(kQrMaxBytes, 'x')).ok());
  auto too_long = encode_qr(std::string(kQrMaxBytes + 1, 'x'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, Errc::too_large);
  EXPECT_NE(too_long.error().detail.find("2954 characters"), std::string::npos) << too_long.error().detail;
  EXPECT_NE(too_long.error().detail.find("2953"), std::string::npos);
  auto huge = encode_qr(std::string(1 << 20, 'x'));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().code, Errc::too_large);
  auto empty = encode_qr("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, Errc::bad_input);
  EXPECT_FALSE(empty.error().detail.empty());
  auto nul = encode_qr(std::string("https://a.example/#c=\0x", 23));
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().code, Errc::bad_input);
}

TEST(QrSvg, DrawsEveryDarkModuleOnceAndEscapesItsName) {
  auto qr = encode_qr(kKnownLink);
  ASSERT_TRUE(qr.ok());
  const std::string svg = qr_svg(*qr, "120px", "Code for \"<team>\" & co");
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  const int side = qr->size + 2 * kQrQuietZone;
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"120px\" height=\"120px\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"Code for &quot;&lt;team&gt;&quot; &amp; co\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Code for &quot;&lt;team&gt;&quot; &amp; co</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<team>"), std::string::npos);
  EXPECT_EQ(rows_of_svg(svg, qr->size), rows_of(*qr));
  // One element of each kind: the white square and one path.
  EXPECT_EQ(std::regex_replace(svg, std::regex("[^<]"), "").size(), 6u);  // svg, title, /title, rect, path, /svg
}

TEST(QrPng, ChecksumsMatchTheirStandardsCheckValues) {
  const std::string check = "123456789";
  const auto* p = reinterpret_cast<const std::uint8_t*>(check.data());
  EXPECT_EQ(crc32(p, check.size()), 0xCBF43926u);
  EXPECT_EQ(adler32(p, check.size()), 0x091E01DEu);
  const std::string wiki = "Wikipedia";
  EXPECT_EQ(adler32(reinterpret_cast<const std::uint8_t*>(wiki.data()), wiki.size()), 0x11E60398u);
  EXPECT_EQ(crc32(nullptr, 0), 0u);
  EXPECT_EQ(adler32(nullptr, 0), 1u);
  // In pieces as at once.
  EXPECT_EQ(crc32(p + 4, 5, crc32(p, 4)), 0xCBF43926u);
  EXPECT_EQ(adler32(p + 4, 5, adler32(p, 4)), 0x091E01DEu);
}

TEST(QrPng, ZlibInflatesWhatItCompresses) {
  auto rng = testing::seeded(42);
  std::vector<Bytes> inputs = {{}, {7}, Bytes(100000, 0xFF), to_bytes("abcabcabcabcabcabd")};
  Bytes noisy(5000);
  rng.fill(noisy.data(), noisy.size());
  inputs.push_back(noisy);
  Bytes rows;  // rows of 300 bytes, each repeated 5 times, as a QR code's pixel rows are
  for (int r = 0; r < 40; ++r) {
    Bytes row(300);
    rng.fill(row.data(), row.size());
    for (int k = 0; k < 5; ++k) rows.insert(rows.end(), row.begin(), row.end());
  }
  inputs.push_back(rows);
  for (const Bytes& in : inputs) {
    const Bytes z = zlib_fixed(in, {1, 300, 40000});
    ASSERT_GE(z.size(), 6u);
    EXPECT_EQ(inflate_all(z, in.size()), in) << in.size() << " bytes";  // zlib checks the Adler-32 too
  }
  EXPECT_LT(zlib_fixed(Bytes(100000, 0xFF), {1}).size(), 2000u);
  EXPECT_LT(zlib_fixed(rows, {1, 300}).size(), rows.size() / 4);
}

TEST(QrPng, IsTheCodeWithItsQuietZoneAtWholePixelsPerModule) {
  for (const std::string link : {std::string(kKnownLink), "https://parley.example/app/#c=" + std::string(2370, 'x')}) {
    auto qr = encode_qr(link);
    ASSERT_TRUE(qr.ok());
    const int scale = qr_png_module_px(*qr);
    EXPECT_GE(scale, 4);
    const Png png = read_png(qr_png(*qr, scale));
    ASSERT_TRUE(png.error.empty()) << png.error;
    const int side = (qr->size + 2 * kQrQuietZone) * scale;
    EXPECT_EQ(png.width, side);
    EXPECT_EQ(png.height, side);
    EXPECT_GE(side, 700);
    EXPECT_LE(side, 1300);
    for (int y = 0; y < side; ++y) {
      for (int x = 0; x < side; ++x) {
        const int mx = x / scale - kQrQuietZone, my = y / scale - kQrQuietZone;
        const bool dark = mx >= 0 && my >= 0 && mx < qr->size && my < qr->size && qr->dark(mx, my);
        ASSERT_EQ(png.rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)], dark ? '#' : '.') << x << "," << y;
      }
    }
  }
  EXPECT_TRUE(png_black_white(0, 1, {}).empty());
  EXPECT_TRUE(png_black_white(2, 2, {true}).empty());
}

TEST(QrSheet, TheCampaignSheetHasTitleCodeAndLinkAndNoScript) {
  const std::string link = std::string(kKnownLink) + "&x=<b>\"'";
  const std::string html = link_sheet_html("Team <script>alert(1)</script> pulse", link);
  EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<h1>Team &lt;script&gt;alert(1)&lt;/script&gt; pulse</h1>"), std::string::npos);
  EXPECT_NE(html.find(">https://parley.example/#m=Xq7Lm2Pz9Ka&amp;x=&lt;b&gt;&quot;&#39;</a>"), std::string::npos);
  const auto svg_at = html.find("<svg");
  ASSERT_NE(svg_at, std::string::npos);
  const std::string svg = html.substr(svg_at, html.find("</svg>") + 6 - svg_at);
  EXPECT_EQ(rows_of_svg(svg, encode_qr(link)->size), rows_of(*encode_qr(link)));
  // A link no code holds: the sheet says why and still writes the link out.
  const std::string too_long = "https://parley.example/#c=" + std::string(3000, 'y');
  const std::string plain = link_sheet_html("", too_long);
  EXPECT_EQ(plain.find("<svg"), std::string::npos);
  EXPECT_NE(plain.find("class=\"noqr\""), std::string::npos);
  EXPECT_NE(plain.find(">" + too_long + "</a>"), std::string::npos);
}

TEST(QrSheet, FilesForTheShareScreen) {
  auto png = link_qr_file(kKnownLink, "Pulse", QrFile::png);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->mime, "image/png");
  EXPECT_TRUE(read_png(png->data).error.empty());
  auto svg = link_qr_file(kKnownLink, "Pulse", QrFile::svg);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->mime, "image/svg+xml");
  EXPECT_EQ(to_string(svg->data).rfind("<svg", 0), 0u);
  auto sheet = link_qr_file(kKnownLink, "Pulse", QrFile::sheet);
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->mime, "text/html");
  const std::string too_long(3000, 'y');
  EXPECT_EQ(link_qr_file(too_long, "Pulse", QrFile::png).error().code, Errc::too_large);
  EXPECT_EQ(link_qr_file(too_long, "Pulse", QrFile::svg).error().code, Errc::too_large);
  EXPECT_TRUE(link_qr_file(too_long, "Pulse", QrFile::sheet).ok());
}

TEST(QrSheet, EachInvitationCardCarriesTheCodeOfItsOwnLink) {
  const testing::TrusteeCampaign t = testing::trustee_campaign();
  auto made = make_invitations(t.campaign, t.link, t.trustee_keys(), 3);
  ASSERT_TRUE(made.ok()) << made.error().detail;
  const std::string html = invitations_sheet_html(t.campaign, made->invitations);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  std::size_t at = 0;
  for (const Invitation& inv : made->invitations) {
    const std::string label = "QR code for invitation " + std::to_string(inv.index + 1);
    at = html.find("<svg", at);
    ASSERT_NE(at, std::string::npos) << label;
    const std::string svg = html.substr(at, html.find("</svg>", at) + 6 - at);
    EXPECT_NE(svg.find("aria-label=\"" + label + "\""), std::string::npos);
    auto qr = encode_qr(inv.link);
    ASSERT_TRUE(qr.ok());
    EXPECT_EQ(rows_of_svg(svg, qr->size), rows_of(*qr)) << label;
    EXPECT_NE(html.find(">" + std::regex_replace(inv.link, std::regex("&"), "&amp;") + "</a>", at), std::string::npos);
    at += svg.size();
  }
  EXPECT_EQ(html.find("<svg", at), std::string::npos);
}

}  // namespace
}  // namespace parley::client

#include "ui/font_fallback.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8: decode as ImGui does when it draws

#include <utility>

#include "ui/theme.h"

#ifndef PARLEY_FALLBACK_FONT_URL
#error "PARLEY_FALLBACK_FONT_URL is set by src/CMakeLists.txt from PARLEY_FALLBACK_FONT_FILE"
#endif

namespace parley::ui {

const char* const kFallbackFontUrl = PARLEY_FALLBACK_FONT_URL;

struct FontFallback::Inbox {
  bool answered = false;
  platform::HttpResponse response;
};

namespace {

// ImGui's default face (the body text), once the atlas is built; null before.
const ImFont* body_face() {
  if (!ImGui::GetCurrentContext()) return nullptr;
  const ImGuiIO& io = ImGui::GetIO();
  const ImFont* font = io.FontDefault ? io.FontDefault : (io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0]);
  return font && !font->IndexLookup.empty() ? font : nullptr;
}

// The title face, when it belongs to the current atlas and is built.
const ImFont* title_face() {
  if (!ImGui::GetCurrentContext()) return nullptr;
  const ImFont* title = title_font();
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
    if (font == title) return font->IndexLookup.empty() ? nullptr : font;
  }
  return nullptr;
}

// The glyph ranges of exactly the characters in `seen` (empty when there are none).
std::vector<ImWchar> ranges_of(const std::bitset<0x10000>& seen) {
  if (seen.none()) return {};
  ImFontGlyphRangesBuilder builder;
  for (std::size_t c = 0; c < seen.size(); ++c) {
    if (seen[c]) builder.AddChar(static_cast<ImWchar>(c));
  }
  ImVector<ImWchar> built;
  builder.BuildRanges(&built);
  return std::vector<ImWchar>(built.begin(), built.end());
}

}  // namespace

FontFallback::FontFallback(platform::Platform& platform, std::string url)
    : platform_(platform), url_(std::move(url)), inbox_(std::make_shared<Inbox>()) {}

FontFallback::~FontFallback() = default;

void FontFallback::want(std::string_view utf8) { note(utf8, body_face(), seen_body_); }

void FontFallback::want_title(std::string_view utf8) { note(utf8, title_face(), seen_title_); }

void FontFallback::note(std::string_view utf8, const ImFont* face, Seen& seen) {
  if (!face) return;  // no atlas yet: the text comes again next frame
  const char* p = utf8.data();
  const char* const end = p + utf8.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {  // ASCII: the UI font has all of it
      ++p;
      continue;
    }
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, p, end);  // past U+FFFF and malformed: U+FFFD
    p += n > 0 ? n : 1;
    // C1 controls, the replacement character, what 16-bit ImWchar cannot hold, what is known.
    if (c < 0xA0 || c == IM_UNICODE_CODEPOINT_INVALID || c > 0xFFFF || seen[c]) continue;
    if (face->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
    seen.set(c);
    new_since_build_ = true;
  }
}

bool FontFallback::update(float pixel_ratio) {
  take_answer();
  if (font_ && new_since_build_ && !full_) {
    new_since_build_ = false;
    std::vector<ImWchar> body = ranges_of(seen_body_), title = ranges_of(seen_title_);
    if (!build_fonts(pixel_ratio, {font_, body, title})) {
      // Not a font stb_truetype can read (the atlas was rebuilt without it): fetch it again later.
      font_.reset();
      new_since_build_ = true;
      failed();
      return true;
    }
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->TexWidth > kMaxAtlasSide || atlas->TexHeight > kMaxAtlasSide) {
      // One texture too many for some devices: back to the last set that fitted, and no more.
      full_ = true;
      build_fonts(pixel_ratio, {font_, fitted_body_, fitted_title_});
      return true;
    }
    fitted_body_ = std::move(body);
    fitted_title_ = std::move(title);
    return true;
  }
  if (!font_ && !in_flight_ && new_since_build_ && attempts_ < kMaxAttempts) {
    if (wait_frames_ > 0) --wait_frames_;
    else start_download();
  }
  return false;
}

void FontFallback::start_download() {
  ++attempts_;
  in_flight_ = true;
  platform::HttpRequest request;
  request.url = url_;
  // The callback may come after this object is gone (the platform outlives it): it only
  // leaves the answer in the inbox, if anyone still holds it.
  platform_.http(std::move(request), [inbox = std::weak_ptr<Inbox>(inbox_)](platform::HttpResponse response) {
    if (auto in = inbox.lock()) {
      in->answered = true;
      in->response = std::move(response);
    }
  });
}

void FontFallback::take_answer() {
  if (!inbox_->answered) return;
  platform::HttpResponse response = std::move(inbox_->response);
  *inbox_ = Inbox{};
  in_flight_ = false;
  if (response.status == 200 && !response.body.empty()) {
    font_ = std::make_shared<const Bytes>(std::move(response.body));
  } else {
    failed();  // 404, offline, refused: '?' stays
  }
}

// The next attempt waits kRetryFrames, then twice as long, and so on.
void FontFallback::failed() {
  if (attempts_ < kMaxAttempts) wait_frames_ = kRetryFrames << (attempts_ - 1);
}

}  // namespace parley::ui

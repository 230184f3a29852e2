// FontFallback against a headless ImGui and the real fallback font from Debian's
// fonts-wqy-microhei (PARLEY_FALLBACK_FONT_PATH, set by src/CMakeLists.txt): which text fetches
// it, how often, what a rebuild adds to the atlas, and that failures leave the UI font working.
#include "ui/font_fallback.h"

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <fstream>
#include <iterator>

#include "ui/theme.h"
#include "ui_fixture.h"

namespace parley::ui {
namespace {

using testing::FakePlatform;

constexpr const char* kUrl = "fonts/fallback.ttf";

Bytes fallback_font_file() {
  std::ifstream in(PARLEY_FALLBACK_FONT_PATH, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The first UTF-8 character of `s`, as ImGui looks glyphs up.
ImWchar first_char(const char* s) {
  unsigned int c = 0;
  ImTextCharFromUtf8(&c, s, nullptr);
  return static_cast<ImWchar>(c);
}

bool has_glyph(const ImFont* font, const char* utf8_char) { return font->FindGlyphNoFallback(first_char(utf8_char)) != nullptr; }

const ImFont* body_font() { return ImGui::GetIO().Fonts->Fonts[0]; }

class FontFallbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    apply_theme(1.0f);
    upload();
  }
  void TearDown() override {
    build_fonts(1.0f, {});  // the theme keeps extra glyphs across rebuilds: leave none behind
    ImGui::DestroyContext();
  }
  // What the renderer does after a rebuild: takes the atlas pixels.
  static void upload() {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ASSERT_NE(pixels, nullptr);
  }
  // One frame of the app: draws `texts` (and `titles` in the title face), hands them to the
  // fallback, and then, as the app does before the next frame, lets it update. Returns
  // update()'s answer.
  bool frame(std::initializer_list<const char*> texts, std::initializer_list<const char*> titles = {}, float ratio = 1.0f) {
    ImGui::NewFrame();
    ImGui::Begin("w");
    for (const char* t : texts) {
      ImGui::TextUnformatted(t);
      fallback.want(t);
    }
    ImGui::PushFont(title_font());
    for (const char* t : titles) {
      ImGui::TextUnformatted(t);
      fallback.want_title(t);
    }
    ImGui::PopFont();
    ImGui::End();
    ImGui::Render();
    const bool rebuilt = fallback.update(ratio);
    if (rebuilt) upload();
    return rebuilt;
  }
  // Idle frames until the fallback asks again (or `limit` frames passed).
  int frames_until_request(int limit) {
    const std::size_t before = platform.sent.size();
    for (int n = 1; n <= limit; ++n) {
      frame({"こんにちは"});
      if (platform.sent.size() > before) return n;
    }
    return -1;
  }

  FakePlatform platform;
  FontFallback fallback{platform, kUrl};
};

TEST_F(FontFallbackTest, OnlyTextTheUiFontLacksFetchesTheFontOnceThenRebuildsWithIt) {
  // Vietnamese, Greek, Cyrillic and punctuation are in the embedded font: nothing to fetch.
  EXPECT_FALSE(frame({"Việt Nam", "Ελληνικά", "Русский", "“quotes” – €"}));
  EXPECT_TRUE(platform.sent.empty());

  EXPECT_FALSE(has_glyph(body_font(), "こ"));
  EXPECT_FALSE(frame({"Việt", "こんにちは"}));
  ASSERT_EQ(platform.sent.size(), 1u);
  EXPECT_EQ(platform.sent[0].method, "GET");
  EXPECT_EQ(platform.sent[0].url, kUrl);
  // While it downloads, the same and other missing text asks for nothing more.
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(frame({"こんにちは", "日本"}));
  EXPECT_EQ(platform.sent.size(), 1u);

  const Bytes font = fallback_font_file();
  ASSERT_GT(font.size(), 1000000u) << PARLEY_FALLBACK_FONT_PATH;
  platform.answer(200, font);
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  for (const char* c : {"こ", "ん", "に", "ち", "は", "日", "本"}) EXPECT_TRUE(has_glyph(body_font(), c)) << c;
  EXPECT_TRUE(has_glyph(body_font(), "ệ"));  // still Noto's
  EXPECT_FALSE(has_glyph(body_font(), "語")) << "only characters seen so far are rasterised";
  EXPECT_FALSE(has_glyph(title_font(), "こ")) << "no title asked for it";

  // The same text again: nothing to do. New characters: one more rebuild, no more requests.
  EXPECT_FALSE(frame({"Việt", "こんにちは", "日本"}));
  EXPECT_FALSE(frame({"こんにちは"}));
  EXPECT_TRUE(frame({"日本語", "한국어"}));
  EXPECT_TRUE(has_glyph(body_font(), "語"));
  EXPECT_TRUE(has_glyph(body_font(), "한"));
  EXPECT_TRUE(has_glyph(body_font(), "こ"));
  EXPECT_FALSE(frame({"日本語", "한국어"}));
  // A title in Japanese: its characters go into the title face too.
  EXPECT_TRUE(frame({"日本語"}, {"チーム調査"}));
  EXPECT_TRUE(has_glyph(title_font(), "チ"));
  EXPECT_TRUE(has_glyph(title_font(), "調"));
  EXPECT_FALSE(has_glyph(body_font(), "調"));
  EXPECT_FALSE(frame({"日本語"}, {"チーム調査"}));
  EXPECT_EQ(platform.sent.size(), 1u);
  EXPECT_EQ(fallback.attempts(), 1);

  // A pixel-ratio change (apply_theme alone, as main_web does) keeps the fetched glyphs.
  apply_theme(2.0f);
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "こ"));
  EXPECT_FLOAT_EQ(body_font()->FontSize, 34.0f);
  EXPECT_TRUE(has_glyph(title_font(), "調"));
  EXPECT_FALSE(frame({"こんにちは", "日本語"}, {"チーム調査"}, 2.0f));
}

TEST_F(FontFallbackTest, ControlCharactersAndUndrawableOnesFetchNothing) {
  // C0 and C1 controls, U+FFFD, malformed UTF-8 and an emoji past U+FFFF (this ImGui draws 16 bits).
  EXPECT_FALSE(frame({"a\tb\nc\r", "\xC2\x85\xC2\x9F", "\xEF\xBF\xBD", "\xFF\xFE broken", "\xF0\x9F\x91\x8D"}));
  EXPECT_TRUE(platform.sent.empty());
}

TEST_F(FontFallbackTest, A404IsRetriedABoundedNumberOfTimesAndLeavesTheUiFontWorking) {
  EXPECT_FALSE(frame({"こんにちは"}));
  ASSERT_EQ(platform.sent.size(), 1u);
  platform.answer(404);
  // Not hammered: the next attempt waits kRetryFrames frames, the one after twice as long.
  EXPECT_EQ(frames_until_request(10 * FontFallback::kRetryFrames), FontFallback::kRetryFrames + 1);
  platform.answer(404);
  EXPECT_EQ(frames_until_request(10 * FontFallback::kRetryFrames), 2 * FontFallback::kRetryFrames + 1);
  platform.answer(404);
  ASSERT_EQ(FontFallback::kMaxAttempts, 3);
  EXPECT_EQ(frames_until_request(20 * FontFallback::kRetryFrames), -1);
  EXPECT_TRUE(fallback.gave_up());
  EXPECT_EQ(platform.sent.size(), 3u);
  // New text asks no more either; everything still draws, with '?' for what is missing.
  EXPECT_FALSE(frame({"日本語", "Hello"}));
  EXPECT_EQ(platform.sent.size(), 3u);
  EXPECT_TRUE(has_glyph(body_font(), "H"));
  EXPECT_FALSE(has_glyph(body_font(), "こ"));
  EXPECT_EQ(body_font()->FindGlyph(first_char("こ")), body_font()->FindGlyph('?'));
}

TEST_F(FontFallbackTest, ATransportFailureThenSuccessBringsTheGlyphs) {
  frame({"你好"});
  platform.answer(0);  // offline
  ASSERT_EQ(frames_until_request(10 * FontFallback::kRetryFrames), FontFallback::kRetryFrames + 1);
  platform.answer(200, fallback_font_file());
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "你"));
  EXPECT_TRUE(has_glyph(body_font(), "こ"));  // wanted by frames_until_request while it waited
  EXPECT_EQ(fallback.attempts(), 2);
}

TEST_F(FontFallbackTest, SomethingThatIsNotAFontIsDroppedAndTheAtlasStaysWhole) {
  frame({"こんにちは"});
  // A host that answers unknown paths with its index page.
  platform.answer(200, to_bytes("<!doctype html><title>Parley</title>"));
  EXPECT_TRUE(fallback.update(1.0f));  // rebuilt without it
  upload();
  EXPECT_FALSE(fallback.has_font());
  EXPECT_TRUE(has_glyph(body_font(), "A"));
  EXPECT_TRUE(has_glyph(title_font(), "ệ"));
  EXPECT_FALSE(has_glyph(body_font(), "こ"));
  EXPECT_FALSE(frame({"こんにちは", "Hello"}));
  // It counts as a failed attempt: tried again later, at most kMaxAttempts in all.
  EXPECT_EQ(fallback.attempts(), 1);
  EXPECT_EQ(frames_until_request(10 * FontFallback::kRetryFrames), FontFallback::kRetryFrames);
}

TEST_F(FontFallbackTest, TheAtlasStaysWithinOneTextureEveryDeviceTakes) {
  frame({"こんにちは"});
  platform.answer(200, fallback_font_file());
  EXPECT_TRUE(fallback.update(2.0f));
  upload();
  // 8,000 distinct ideographs as titles at a pixel ratio of 2 need more than 4096 x 4096.
  std::string many;
  for (unsigned c = 0x4E00; c < 0x4E00 + 8000; ++c) {
    char utf8[5] = {};
    ImTextCharToUtf8(utf8, c);
    many += utf8;
  }
  fallback.want_title(many);
  EXPECT_TRUE(fallback.update(2.0f));
  upload();
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  EXPECT_LE(atlas->TexWidth, FontFallback::kMaxAtlasSide);
  EXPECT_LE(atlas->TexHeight, FontFallback::kMaxAtlasSide);
  EXPECT_TRUE(has_glyph(body_font(), "こ")) << "what fitted before stays";
  EXPECT_FALSE(has_glyph(title_font(), "一"));
  // Full: later characters stay '?', and nothing is rebuilt for them.
  fallback.want("조선");
  EXPECT_FALSE(fallback.update(2.0f));
  EXPECT_EQ(platform.sent.size(), 1u);
}

TEST(FontFallbackLifetime, AnAnswerAfterTheFallbackIsGoneIsIgnored) {
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  apply_theme(1.0f);
  FakePlatform platform;
  {
    FontFallback fallback(platform, kUrl);
    fallback.want("こんにちは");
    fallback.update(1.0f);
    ASSERT_EQ(platform.pending.size(), 1u);
  }
  platform.answer(200, to_bytes("late"));
  SUCCEED();
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace parley::ui

// FontFallback against a headless ImGui and the real fallback fonts: the UI font's other
// scripts (PARLEY_SCRIPTS_FONT_PATH) and Debian's fonts-wqy-microhei and fonts-symbola
// (PARLEY_FALLBACK_FONT_PATH, PARLEY_SYMBOL_FONT_PATH), all set by src/CMakeLists.txt: which text fetches which, how often, what a rebuild adds to the atlas,
// and that failures leave the UI font working.
#include "ui/font_fallback.h"

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <fstream>
#include <iterator>

#include "ui/theme.h"
#include "support/fake_platform.h"
#include "support/headless_imgui.h"

namespace parley::ui {
namespace {

using testing::FakePlatform;

constexpr const char* kUrl = "fonts/fallback.ttf";
constexpr const char* kSymbolUrl = "fonts/symbols.ttf";
constexpr const char* kScriptsUrl = "fonts/scripts.ttf";

Bytes read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
Bytes fallback_font_file() { return read_file(PARLEY_FALLBACK_FONT_PATH); }
Bytes symbol_font_file() { return read_file(PARLEY_SYMBOL_FONT_PATH); }
Bytes scripts_font_file() { return read_file(PARLEY_SCRIPTS_FONT_PATH); }

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
  void SetUp() override { ASSERT_TRUE(testing::create_headless_imgui()); }
  void TearDown() override {
    build_fonts(1.0f, {});  // the theme keeps extra glyphs across rebuilds: leave none behind
    ImGui::DestroyContext();
  }
  // What the renderer does after a rebuild: takes the atlas pixels.
  static void upload() { ASSERT_TRUE(testing::upload_fonts()); }
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

  // The URLs asked for so far, in order.
  std::vector<std::string> urls() const {
    std::vector<std::string> out;
    for (const auto& r : platform.sent) out.push_back(r.url);
    return out;
  }

  FakePlatform platform;
  FontFallback fallback{platform, kUrl, kSymbolUrl, kScriptsUrl};
};

TEST_F(FontFallbackTest, OnlyTextTheUiFontLacksFetchesTheFontOnceThenRebuildsWithIt) {
  // The Latin of European languages and punctuation are in the embedded font: nothing to fetch.
  // Latin-1 is in the first atlas; the rest is merged in from the embedded bytes once drawn.
  EXPECT_TRUE(has_glyph(body_font(), "ß"));
  EXPECT_FALSE(has_glyph(body_font(), "Ł"));
  EXPECT_TRUE(frame({"Grüße aus Łódź", "Şişli, București, Ærø", "“quotes” – €"}));
  EXPECT_TRUE(platform.sent.empty());
  for (const char* c : {"Ł", "ź", "Ş", "ş", "ș"}) EXPECT_TRUE(has_glyph(body_font(), c)) << c;
  EXPECT_FALSE(has_glyph(title_font(), "Ł")) << "no title asked for it";
  EXPECT_FALSE(frame({"Grüße aus Łódź", "Şişli, București, Ærø", "“quotes” – €"}));

  EXPECT_FALSE(has_glyph(body_font(), "こ"));
  EXPECT_FALSE(frame({"Grüße", "こんにちは"}));
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
  EXPECT_TRUE(has_glyph(body_font(), "ü"));  // still Noto's
  EXPECT_FALSE(has_glyph(body_font(), "語")) << "only characters seen so far are rasterised";
  EXPECT_FALSE(has_glyph(title_font(), "こ")) << "no title asked for it";

  // The same text again: nothing to do. New characters: one more rebuild, no more requests.
  EXPECT_FALSE(frame({"Grüße", "こんにちは", "日本"}));
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
  EXPECT_EQ(fallback.attempts(Fallback::cjk), 1);

  // A pixel-ratio change (apply_theme alone, as main_web does) keeps the fetched glyphs.
  apply_theme(2.0f);
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "こ"));
  EXPECT_FLOAT_EQ(body_font()->FontSize, 34.0f);
  EXPECT_TRUE(has_glyph(title_font(), "調"));
  EXPECT_FALSE(frame({"こんにちは", "日本語"}, {"チーム調査"}, 2.0f));
}

TEST_F(FontFallbackTest, FetchAllFetchesEveryFontOnceWhateverIsOnScreen) {
  // A respondent's downloads must not depend on what they type: Latin text, then Japanese.
  fallback.fetch_all();
  EXPECT_FALSE(frame({"Quieter Fridays"}));
  EXPECT_EQ(urls(), (std::vector<std::string>{kScriptsUrl, kUrl, kSymbolUrl}));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(frame({"Quieter Fridays", "こんにちは", "Việt"}));
  EXPECT_EQ(platform.sent.size(), 3u) << "nothing more for what is typed later";
  platform.answer(200, scripts_font_file());
  platform.answer(200, fallback_font_file());
  platform.answer(200, symbol_font_file());
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "こ"));
  EXPECT_TRUE(has_glyph(body_font(), "ệ"));
  EXPECT_EQ(platform.sent.size(), 3u);
}

TEST_F(FontFallbackTest, ControlCharactersAndUndrawableOnesFetchNothing) {
  // C0 and C1 controls, U+FFFD, malformed UTF-8, a lone surrogate encoded as UTF-8 (CESU-8).
  EXPECT_FALSE(frame({"a\tb\nc\r", "\xC2\x85\xC2\x9F", "\xEF\xBF\xBD", "\xFF\xFE broken", "\xED\xA0\xBD"}));
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
  EXPECT_TRUE(fallback.gave_up(Fallback::cjk));
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
  EXPECT_EQ(fallback.attempts(Fallback::cjk), 2);
}

TEST_F(FontFallbackTest, SomethingThatIsNotAFontIsDroppedAndTheAtlasStaysWhole) {
  frame({"こんにちは"});
  // A host that answers unknown paths with its index page.
  platform.answer(200, to_bytes("<!doctype html><title>Parley</title>"));
  EXPECT_TRUE(fallback.update(1.0f));  // rebuilt without it
  upload();
  EXPECT_FALSE(fallback.has_font(Fallback::cjk));
  EXPECT_TRUE(has_glyph(body_font(), "A"));
  EXPECT_TRUE(has_glyph(title_font(), "A"));
  EXPECT_FALSE(has_glyph(body_font(), "こ"));
  EXPECT_FALSE(frame({"こんにちは", "Hello"}));
  // It counts as a failed attempt: tried again later, at most kMaxAttempts in all.
  EXPECT_EQ(fallback.attempts(Fallback::cjk), 1);
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

TEST_F(FontFallbackTest, VietnameseGreekAndCyrillicFetchTheUiFontsOtherScriptsOnceAndDraw) {
  EXPECT_FALSE(has_glyph(body_font(), "ệ"));
  EXPECT_FALSE(frame({"Cảm ơn vì Việt", "Ελληνικά", "Русский"}));
  EXPECT_EQ(urls(), std::vector<std::string>{kScriptsUrl});
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(frame({"Cảm ơn", "Ελληνικά", "Українська"}));
  EXPECT_EQ(platform.sent.size(), 1u);
  platform.answer(200, scripts_font_file());
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  for (const char* c : {"ả", "ơ", "ệ", "λ", "Р", "ї"}) EXPECT_TRUE(has_glyph(body_font(), c)) << c;
  // A title in Greek: its characters go into the title face, from the same file.
  EXPECT_TRUE(frame({"Ελληνικά"}, {"Ομάδα"}));
  EXPECT_TRUE(has_glyph(title_font(), "Ο"));
  EXPECT_FALSE(frame({"Ελληνικά"}, {"Ομάδα"}));
  EXPECT_EQ(urls(), std::vector<std::string>{kScriptsUrl});
  EXPECT_EQ(fallback.attempts(Fallback::cjk), 0);
  EXPECT_EQ(fallback.attempts(Fallback::symbols), 0);
  // What the file lacks (Armenian is in none of the UI font's ranges) goes to the symbol font.
  EXPECT_FALSE(may_have(Fallback::scripts, first_char("Ա")));
  EXPECT_TRUE(may_have(Fallback::scripts, first_char("ệ")));
  EXPECT_FALSE(may_have(Fallback::scripts, first_char("é"))) << "embedded";
}

TEST_F(FontFallbackTest, EmojiAndSymbolsFetchTheSymbolFontOnlyOnceAndDraw) {
  // 👍 (U+1F44D, past U+FFFF) and ✔ (U+2714): the symbol font, once; never the CJK one.
  EXPECT_FALSE(has_glyph(body_font(), "👍"));
  EXPECT_FALSE(frame({"Great 👍", "✔ done"}));
  EXPECT_EQ(urls(), std::vector<std::string>{kSymbolUrl});
  EXPECT_EQ(platform.sent[0].method, "GET");
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(frame({"Great 👍", "✔ done", "→ ★"}));
  EXPECT_EQ(platform.sent.size(), 1u);

  const Bytes symbols = symbol_font_file();
  ASSERT_GT(symbols.size(), 1000000u) << PARLEY_SYMBOL_FONT_PATH;
  platform.answer(200, symbols);
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  ASSERT_EQ(first_char("👍"), 0x1F44Du);
  for (const char* c : {"👍", "✔", "→", "★"}) EXPECT_TRUE(has_glyph(body_font(), c)) << c;
  // Drawn as a glyph of about the body size, not as '?'.
  const ImFontGlyph* thumb = body_font()->FindGlyph(first_char("👍"));
  EXPECT_NE(thumb, body_font()->FindGlyph('?'));
  EXPECT_TRUE(thumb->Visible);
  EXPECT_GT(thumb->Y1 - thumb->Y0, 0.5f * body_font()->FontSize);
  EXPECT_LT(thumb->Y1 - thumb->Y0, 1.5f * body_font()->FontSize);
  EXPECT_FALSE(has_glyph(title_font(), "👍")) << "no title asked for it";
  EXPECT_TRUE(has_glyph(body_font(), "é"));  // still Noto's

  // ❤️ as phones type it, with the emoji variation selector: the selector takes no room.
  EXPECT_TRUE(frame({"❤️"}));
  const ImFontGlyph* vs16 = body_font()->FindGlyphNoFallback(0xFE0F);
  ASSERT_NE(vs16, nullptr);
  EXPECT_FALSE(vs16->Visible);
  EXPECT_EQ(vs16->AdvanceX, 0.0f);
  EXPECT_TRUE(has_glyph(body_font(), "❤"));
  // Emoji in a title go into the title face.
  EXPECT_TRUE(frame({"❤️"}, {"🎉 Team pulse"}));
  EXPECT_TRUE(has_glyph(title_font(), "🎉"));
  EXPECT_FALSE(frame({"Great 👍", "❤️"}, {"🎉 Team pulse"}));
  EXPECT_EQ(urls(), std::vector<std::string>{kSymbolUrl});
  EXPECT_EQ(fallback.attempts(Fallback::symbols), 1);
  EXPECT_EQ(fallback.attempts(Fallback::cjk), 0);

  // Japanese later: the CJK font, once, and both fonts' glyphs side by side.
  EXPECT_FALSE(frame({"Great 👍", "いいね"}));
  EXPECT_EQ(urls(), (std::vector<std::string>{kSymbolUrl, kUrl}));
  platform.answer(200, fallback_font_file());
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  for (const char* c : {"い", "ね", "👍", "✔"}) EXPECT_TRUE(has_glyph(body_font(), c)) << c;
  EXPECT_FALSE(frame({"Great 👍", "いいね"}));
  EXPECT_EQ(platform.sent.size(), 2u);

  // A ratio change keeps them too.
  apply_theme(2.0f);
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "👍"));
  EXPECT_TRUE(has_glyph(title_font(), "🎉"));
  EXPECT_TRUE(has_glyph(body_font(), "い"));
}

TEST_F(FontFallbackTest, JapaneseFetchesTheCjkFontOnly) {
  EXPECT_FALSE(frame({"こんにちは、世界。", "ｶﾀｶﾅ　全角！", "한국어"}, {"チーム調査"}));
  EXPECT_EQ(urls(), std::vector<std::string>{kUrl});
  platform.serve({{kUrl, fallback_font_file()}, {kSymbolUrl, symbol_font_file()}});
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(frame({"こんにちは、世界。", "ｶﾀｶﾅ　全角！", "한국어"}, {"チーム調査"}));
  EXPECT_EQ(urls(), std::vector<std::string>{kUrl});
  for (const char* c : {"こ", "、", "。", "ｶ", "全", "！", "한"}) EXPECT_TRUE(has_glyph(body_font(), c)) << c;
  EXPECT_TRUE(has_glyph(title_font(), "調"));
  EXPECT_FALSE(fallback.has_font(Fallback::symbols));
}

TEST_F(FontFallbackTest, ACharacterTheFirstFontLacksGoesToTheNextOnceThenNothingLoops) {
  // ㊗ (U+3297) is in a CJK block, so the CJK font is asked first; it has no such glyph.
  EXPECT_FALSE(frame({"お祝い㊗"}));
  EXPECT_EQ(urls(), std::vector<std::string>{kUrl});
  platform.answer(200, fallback_font_file());
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "祝"));
  EXPECT_FALSE(has_glyph(body_font(), "㊗"));
  // So the symbol font is fetched for it, once, and has it.
  EXPECT_FALSE(frame({"お祝い㊗"}));
  EXPECT_EQ(urls(), (std::vector<std::string>{kUrl, kSymbolUrl}));
  platform.answer(200, symbol_font_file());
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "㊗"));
  EXPECT_TRUE(has_glyph(body_font(), "祝"));

  // 🥰 (Unicode 11) and Arabic are in neither font: asked of the symbol font once, then '?'
  // with no more requests and no more rebuilds.
  EXPECT_TRUE(frame({"お祝い㊗", "🥰", "مرحبا"}));
  EXPECT_FALSE(has_glyph(body_font(), "🥰"));
  EXPECT_FALSE(has_glyph(body_font(), "م"));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(frame({"お祝い㊗", "🥰", "مرحبا"}));
  EXPECT_EQ(platform.sent.size(), 2u);
  EXPECT_EQ(body_font()->FindGlyph(first_char("🥰")), body_font()->FindGlyph('?'));
}

TEST_F(FontFallbackTest, ABrokenSymbolFontLeavesTheCjkGlyphsAndIsFetchedAgain) {
  frame({"こんにちは 👍"});
  EXPECT_EQ(urls(), (std::vector<std::string>{kUrl, kSymbolUrl}));
  platform.serve({{kUrl, fallback_font_file()}, {kSymbolUrl, to_bytes("<!doctype html><title>Parley</title>")}});
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  EXPECT_TRUE(fallback.has_font(Fallback::cjk));
  EXPECT_FALSE(fallback.has_font(Fallback::symbols));
  // The next frame brings the CJK glyphs back; the symbol font is asked for again later.
  EXPECT_TRUE(frame({"こんにちは 👍"}));
  EXPECT_TRUE(has_glyph(body_font(), "こ"));
  EXPECT_FALSE(has_glyph(body_font(), "👍"));
  EXPECT_FALSE(frame({"こんにちは 👍"}));
  int n = 0;
  while (platform.sent.size() == 2u && n < 10 * FontFallback::kRetryFrames) {
    frame({"こんにちは 👍"});
    ++n;
  }
  EXPECT_EQ(urls(), (std::vector<std::string>{kUrl, kSymbolUrl, kSymbolUrl}));
  platform.answer(200, symbol_font_file());
  EXPECT_TRUE(fallback.update(1.0f));
  upload();
  EXPECT_TRUE(has_glyph(body_font(), "👍"));
  EXPECT_TRUE(has_glyph(body_font(), "こ"));
  EXPECT_EQ(fallback.attempts(Fallback::symbols), 2);
  EXPECT_EQ(fallback.attempts(Fallback::cjk), 1);
}

TEST(FontFallbackBlocks, WhichFontACharacterTriesFirst) {
  // The embedded font first, for what it was made of; never for another script.
  for (ImWchar c : {0x00E9u, 0x0141u, 0x0219u, 0x2014u, 0x20ACu}) EXPECT_TRUE(may_have(Fallback::embedded, c)) << std::hex << c;
  for (ImWchar c : {0x1EC7u, 0x0416u, 0x03BBu, 0x3042u, 0x1F600u}) EXPECT_FALSE(may_have(Fallback::embedded, c)) << std::hex << c;
  for (ImWchar c : {0x3042u, 0x30ABu, 0x4E00u, 0x9FFFu, 0xAC00u, 0x3000u, 0xFF01u, 0x3105u, 0x20000u, 0x1B001u}) {
    EXPECT_TRUE(may_have(Fallback::cjk, c)) << std::hex << c;
    EXPECT_FALSE(may_have(Fallback::symbols, c)) << std::hex << c;
  }
  for (ImWchar c : {0x1F44Du, 0x1F600u, 0x2714u, 0x2600u, 0x27BFu, 0x2190u, 0x21FFu, 0x2B50u, 0x1FAFFu, 0x1F000u, 0xFE0Fu,
                    0x4DC0u, 0x0627u}) {
    EXPECT_FALSE(may_have(Fallback::cjk, c)) << std::hex << c;
    EXPECT_TRUE(may_have(Fallback::symbols, c)) << std::hex << c;
  }
  // The emoji inside CJK blocks: the CJK font first, the symbol font next.
  for (ImWchar c : {0x3030u, 0x303Du, 0x3297u, 0x3299u}) {
    EXPECT_TRUE(may_have(Fallback::cjk, c)) << std::hex << c;
    EXPECT_TRUE(may_have(Fallback::symbols, c)) << std::hex << c;
  }
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

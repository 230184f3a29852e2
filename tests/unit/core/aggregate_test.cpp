#include "core/aggregate.h"

#include <gtest/gtest.h>

#include "core/json_read.h"
#include "core/report.h"
#include "support/campaigns.h"

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace parley {
namespace {

using testing::choices;
using testing::num;
using testing::seeded;
using testing::text;

// Always draws 0: Fisher-Yates then swaps every element with the first, which rotates the
// list left by one; an exact order the test can state.
class ZeroRng final : public Rng {
 public:
  void fill(std::uint8_t* out, std::size_t len) override {
    std::fill(out, out + len, std::uint8_t{0});
    calls++;
  }
  int calls = 0;
};

Campaign make_campaign(int k = 3) {
  Campaign c;
  c.id = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  c.title = "Pulse";
  c.questions = testing::every_question_type();
  c.k = k;
  return c;
}

Submission feedback(std::map<std::string, Answer> answers, const std::string& campaign = "aaaaaaaaaaaaaaaaaaaaaaaaaa") {
  Submission s;
  s.kind = SubmissionKind::feedback;
  s.campaign = campaign;
  s.answers = std::move(answers);
  return s;
}

Submission mood(int n) { return feedback({{"mood", num(n)}}); }

const QuestionResult& question(const AggregateResult& r, const std::string& id) {
  for (const auto& q : r.questions) {
    if (q.id == id) return q;
  }
  ADD_FAILURE() << "no question " << id;
  static QuestionResult none;
  return none;
}

AggregateResult result_of(const Aggregator& a, std::uint8_t seed = 1) {
  SeededRng rng = seeded(seed);
  return a.result(rng);
}

using Counts = std::vector<std::size_t>;

// ---------------------------------------------------------------- the threshold k

TEST(Aggregate, NothingAtAllBelowK) {
  Aggregator a(make_campaign(5));
  for (int i = 0; i < 4; ++i) a.add(feedback({{"mood", num(5)}, {"comment", text("same")}, {"nope", num(1)}, {"focus", num(7)}}));
  const auto r = result_of(a);
  EXPECT_EQ(r.responses, 4u);
  EXPECT_EQ(r.k, 5);
  EXPECT_FALSE(r.visible);
  EXPECT_TRUE(r.questions.empty());  // no per-question counts, answered numbers or comments
  EXPECT_EQ(r.unknown_answers, 4u);
  EXPECT_EQ(r.invalid_answers, 4u);

  a.add(mood(1));  // the k-th response shows everything at once
  const auto shown = result_of(a);
  EXPECT_TRUE(shown.visible);
  ASSERT_EQ(shown.questions.size(), 6u);
  EXPECT_EQ(question(shown, "mood").counts, (Counts{1, 0, 0, 0, 4}));
  EXPECT_TRUE(question(shown, "mood").visible);
}

TEST(Aggregate, EachQuestionNeedsKAnswersOfItsOwn) {
  Aggregator a(make_campaign(3));
  a.add(feedback({{"mood", num(2)}, {"focus", num(1)}, {"topics", choices({0, 2})}, {"comment", text("first")},
                  {"recommend", num(10)}, {"blockers", text("b1")}}));
  a.add(feedback({{"mood", num(4)}, {"focus", num(1)}, {"topics", choices({0})}, {"comment", text("second")},
                  {"recommend", num(0)}, {"blockers", text("b2")}}));
  a.add(feedback({{"mood", num(3)}, {"blockers", text("b3")}}));
  const auto r = result_of(a);
  ASSERT_TRUE(r.visible);
  EXPECT_EQ(r.responses, 3u);

  const auto& m = question(r, "mood");
  EXPECT_TRUE(m.visible);
  EXPECT_EQ(m.answered, 3u);
  EXPECT_EQ(m.counts, (Counts{0, 1, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(m.mean, 3.0);
  EXPECT_DOUBLE_EQ(m.median, 3.0);

  // Two answers each: the number answered is shown, and nothing else of them.
  for (const char* id : {"focus", "topics", "comment", "recommend"}) {
    const auto& q = question(r, id);
    EXPECT_FALSE(q.visible) << id;
    EXPECT_EQ(q.answered, 2u) << id;
    EXPECT_TRUE(q.counts.empty()) << id;
    EXPECT_TRUE(q.comments.empty()) << id;
    EXPECT_EQ(q.mean, 0) << id;
    EXPECT_EQ(q.median, 0) << id;
    EXPECT_EQ(q.promoters + q.passives + q.detractors, 0u) << id;
    EXPECT_EQ(q.enps, 0) << id;
  }
  const auto& b = question(r, "blockers");
  EXPECT_TRUE(b.visible);
  std::vector<std::string> shown = b.comments;
  std::sort(shown.begin(), shown.end());
  EXPECT_EQ(shown, (std::vector<std::string>{"b1", "b2", "b3"}));
}

TEST(Aggregate, QuestionTextAndOptionsComeFromTheCampaign) {
  Aggregator a(make_campaign(3));
  for (int i = 0; i < 3; ++i) a.add(feedback({{"focus", num(2)}}));
  const auto f_result = result_of(a);
  const auto& f = question(f_result, "focus");
  EXPECT_EQ(f.type, QuestionType::single_choice);
  EXPECT_EQ(f.text, "Where should we focus?");
  EXPECT_EQ(f.options, (std::vector<std::string>{"Tooling", "Process", "People"}));
  EXPECT_EQ(f.counts, (Counts{0, 0, 3}));
  EXPECT_EQ(f.mean, 0);  // no mean or median for choices
  EXPECT_EQ(f.median, 0);
}

// ---------------------------------------------------------------- numbers

TEST(Aggregate, EnpsClassesAndScore) {
  Aggregator a(make_campaign(3));
  for (int v : {0, 6, 7, 8, 9, 10, 10}) a.add(feedback({{"recommend", num(v)}}));
  const auto q_result = result_of(a);
  const auto& q = question(q_result, "recommend");
  ASSERT_TRUE(q.visible);
  EXPECT_EQ(q.counts, (Counts{1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2}));
  EXPECT_EQ(q.detractors, 2u);  // 0 and 6
  EXPECT_EQ(q.passives, 2u);    // 7 and 8
  EXPECT_EQ(q.promoters, 3u);   // 9, 10, 10
  EXPECT_DOUBLE_EQ(q.enps, 100.0 / 7.0);
  EXPECT_DOUBLE_EQ(q.mean, 50.0 / 7.0);
  EXPECT_DOUBLE_EQ(q.median, 8.0);
}

TEST(Aggregate, EnpsExtremes) {
  Aggregator all_detract(make_campaign(3));
  for (int v : {0, 3, 6}) all_detract.add(feedback({{"recommend", num(v)}}));
  EXPECT_DOUBLE_EQ(question(result_of(all_detract), "recommend").enps, -100.0);

  Aggregator all_promote(make_campaign(3));
  for (int v : {9, 10, 9}) all_promote.add(feedback({{"recommend", num(v)}}));
  EXPECT_DOUBLE_EQ(question(result_of(all_promote), "recommend").enps, 100.0);

  Aggregator passive(make_campaign(3));
  for (int v : {7, 8, 8, 7}) passive.add(feedback({{"recommend", num(v)}}));
  const auto q_result = result_of(passive);
  const auto& q = question(q_result, "recommend");
  EXPECT_DOUBLE_EQ(q.enps, 0.0);
  EXPECT_EQ(q.passives, 4u);
  EXPECT_DOUBLE_EQ(q.median, 7.5);
}

TEST(Aggregate, MedianOfOddAndEvenCounts) {
  Aggregator odd(make_campaign(3));
  for (int v : {1, 1, 5}) odd.add(mood(v));
  EXPECT_DOUBLE_EQ(question(result_of(odd), "mood").median, 1.0);
  EXPECT_DOUBLE_EQ(question(result_of(odd), "mood").mean, 7.0 / 3.0);

  Aggregator even(make_campaign(3));
  for (int v : {5, 1, 4, 2}) even.add(mood(v));  // order of arrival does not matter
  EXPECT_DOUBLE_EQ(question(result_of(even), "mood").median, 3.0);  // (2 + 4) / 2
  EXPECT_DOUBLE_EQ(question(result_of(even), "mood").mean, 3.0);

  Aggregator half(make_campaign(3));
  for (int v : {2, 3, 3, 2, 2, 3}) half.add(mood(v));
  EXPECT_DOUBLE_EQ(question(result_of(half), "mood").median, 2.5);

  Aggregator top(make_campaign(3));
  for (int v : {1, 5, 5, 5}) top.add(mood(v));
  EXPECT_DOUBLE_EQ(question(result_of(top), "mood").median, 5.0);
  EXPECT_DOUBLE_EQ(question(result_of(top), "mood").mean, 4.0);
}

TEST(Aggregate, MultipleChoiceCountsPeopleAndOptions) {
  Aggregator a(make_campaign(3));
  a.add(feedback({{"topics", choices({0, 1, 2, 3})}}));
  a.add(feedback({{"topics", choices({1})}}));
  a.add(feedback({{"topics", choices({1, 3})}}));
  const auto q_result = result_of(a);
  const auto& q = question(q_result, "topics");
  EXPECT_EQ(q.answered, 3u);
  EXPECT_EQ(q.counts, (Counts{1, 3, 1, 2}));
}

// ---------------------------------------------------------------- what does not count

TEST(Aggregate, SkippedAndPartialAnswers) {
  Aggregator a(make_campaign(3));
  a.add(feedback({}));  // sent without answering anything: still a response
  a.add(feedback({{"mood", num(4)}}));
  a.add(feedback({{"mood", num(2)}, {"focus", num(0)}}));
  a.add(feedback({{"focus", num(0)}, {"comment", text("only this")}}));
  const auto r = result_of(a);
  EXPECT_EQ(r.responses, 4u);
  EXPECT_EQ(question(r, "mood").answered, 2u);
  EXPECT_EQ(question(r, "focus").answered, 2u);
  EXPECT_EQ(question(r, "comment").answered, 1u);
  EXPECT_EQ(question(r, "topics").answered, 0u);
  EXPECT_FALSE(question(r, "mood").visible);
  EXPECT_EQ(r.unknown_answers, 0u);
  EXPECT_EQ(r.invalid_answers, 0u);
}

TEST(Aggregate, UnknownQuestionIdsAreCountedAndSkipped) {
  Aggregator a(make_campaign(3));
  for (int i = 0; i < 3; ++i) a.add(feedback({{"mood", num(5)}, {"old_question", num(3)}, {"MOOD", num(1)}}));
  const auto r = result_of(a);
  EXPECT_EQ(r.responses, 3u);
  EXPECT_EQ(r.unknown_answers, 6u);
  EXPECT_EQ(r.invalid_answers, 0u);
  EXPECT_EQ(question(r, "mood").counts, (Counts{0, 0, 0, 0, 3}));
}

TEST(Aggregate, AnswersThatDoNotFitAreCountedAsInvalid) {
  Answer both = num(3);  // a number with choices attached fits no question
  both.choices = {1};
  Answer text_number = text("4");
  text_number.number = 4;
  const std::vector<std::pair<std::string, Answer>> bad = {
      {"mood", num(0)},          {"mood", num(6)},           {"mood", text("5")},        {"mood", choices({4})},
      {"mood", both},            {"recommend", num(11)},     {"recommend", num(-1)},     {"focus", num(3)},
      {"focus", choices({1})},   {"topics", choices({})},    {"topics", choices({4})},   {"topics", choices({2, 1})},
      {"topics", choices({1, 1})}, {"topics", num(1)},        {"topics", choices({-1, 0})}, {"comment", text("")},
      {"comment", num(3)},       {"comment", text("bell\a")}, {"blockers", choices({0})}, {"comment", text_number},
  };
  Aggregator a(make_campaign(3));
  for (const auto& [id, answer] : bad) a.add(feedback({{id, answer}}));
  const auto r = result_of(a);
  EXPECT_EQ(r.responses, bad.size());
  EXPECT_EQ(r.invalid_answers, bad.size());
  EXPECT_EQ(r.unknown_answers, 0u);
  for (const auto& q : r.questions) EXPECT_EQ(q.answered, 0u) << q.id;
}

TEST(Aggregate, MediationAndOtherCampaignsAreNotFeedback) {
  Aggregator a(make_campaign(3));
  Submission m;
  m.kind = SubmissionKind::mediation;
  m.campaign = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  m.request.what = "something happened";
  m.day = "2026-03-02";
  a.add(m);
  a.add(feedback({{"mood", num(5)}}, "bbbbbbbbbbbbbbbbbbbbbbbbbb"));
  EXPECT_EQ(a.responses(), 0u);
  EXPECT_EQ(result_of(a).invalid_answers, 0u);
}

// ---------------------------------------------------------------- merging and state

std::vector<Submission> mixed_submissions() {
  std::vector<Submission> out;
  for (int i = 0; i < 17; ++i) {
    std::map<std::string, Answer> answers = {{"mood", num(1 + i % 5)}, {"recommend", num((i * 3) % 11)}};
    if (i % 2) answers["focus"] = num(i % 3);
    if (i % 3) answers["topics"] = i % 4 ? choices({0, i % 4}) : choices({1});
    if (i % 4 == 0) answers["comment"] = text("comment " + std::to_string(i) + " – ünïcode\nsecond line");
    if (i % 5 == 0) answers["blockers"] = text("blocker " + std::to_string(i));
    if (i == 7) answers["gone"] = num(1);
    if (i == 9) answers["mood"] = num(9);
    out.push_back(feedback(std::move(answers)));
  }
  return out;
}

TEST(Aggregate, MergeEqualsAddingEverything) {
  const auto all = mixed_submissions();
  Aggregator whole(make_campaign(3));
  for (const auto& s : all) whole.add(s);

  Aggregator parts[3] = {Aggregator(make_campaign(3)), Aggregator(make_campaign(3)), Aggregator(make_campaign(3))};
  for (std::size_t i = 0; i < all.size(); ++i) parts[i * 3 / all.size()].add(all[i]);
  Aggregator merged(make_campaign(3));
  for (const auto& p : parts) merged.merge(p);

  EXPECT_EQ(merged.state(), whole.state());
  EXPECT_EQ(merged.responses(), 17u);
  const auto r = result_of(merged, 9);
  EXPECT_EQ(r.unknown_answers, 1u);
  EXPECT_EQ(r.invalid_answers, 1u);
  EXPECT_EQ(question(r, "mood").counts, (Counts{4, 4, 3, 3, 2}));
  EXPECT_EQ(question(r, "topics").answered, 11u);
  EXPECT_EQ(question(r, "topics").counts, (Counts{8, 6, 3, 2}));
  // Same tallies and the same Rng: the same result, comment order included.
  EXPECT_EQ(result_of(merged, 9).questions[4].comments, result_of(whole, 9).questions[4].comments);
}

TEST(Aggregate, MergeIgnoresOtherCampaignsAndMayMergeItself) {
  Campaign other = make_campaign(3);
  other.id = "bbbbbbbbbbbbbbbbbbbbbbbbbb";
  Aggregator foreign(other);
  foreign.add(feedback({{"mood", num(1)}}, other.id));
  Aggregator a(make_campaign(3));
  a.add(feedback({{"mood", num(2)}, {"comment", text("x")}}));
  a.merge(foreign);
  EXPECT_EQ(a.responses(), 1u);
  a.merge(a);
  EXPECT_EQ(a.responses(), 2u);
  EXPECT_EQ(a.state()["questions"][4]["comments"], (json{"x", "x"}));
  EXPECT_EQ(a.state()["questions"][0]["counts"], (json{0, 2, 0, 0, 0}));
}

TEST(Aggregate, StateIsExact) {
  Aggregator a(make_campaign(4));
  a.add(feedback({{"mood", num(5)}, {"topics", choices({1, 3})}, {"comment", text("hello")}, {"x", num(1)}}));
  a.add(feedback({{"mood", num(6)}}));
  EXPECT_EQ(dump_canonical(a.state()),
            R"({"aggregate":1,"campaign":"aaaaaaaaaaaaaaaaaaaaaaaaaa","invalid_answers":1,"questions":[)"
            R"({"answered":1,"counts":[0,0,0,0,1],"id":"mood"},)"
            R"({"answered":0,"counts":[0,0,0,0,0,0,0,0,0,0,0],"id":"recommend"},)"
            R"({"answered":0,"counts":[0,0,0],"id":"focus"},)"
            R"({"answered":1,"counts":[0,1,0,1],"id":"topics"},)"
            R"({"answered":1,"comments":["hello"],"id":"comment"},)"
            R"({"answered":0,"comments":[],"id":"blockers"}],)"
            R"("responses":2,"unknown_answers":1})");
}

TEST(Aggregate, StateRoundTrip) {
  Aggregator a(make_campaign(3));
  for (const auto& s : mixed_submissions()) a.add(s);
  // Through text, as a worker sends it.
  const json parsed = json::parse(a.state().dump(), nullptr, false);
  auto back = Aggregator::from_state(make_campaign(3), parsed);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->state(), a.state());
  EXPECT_EQ(back->responses(), 17u);
  EXPECT_EQ(aggregate_to_json(result_of(*back, 4)), aggregate_to_json(result_of(a, 4)));

  Aggregator empty(make_campaign(3));
  auto none = Aggregator::from_state(make_campaign(3), empty.state());
  ASSERT_TRUE(none.ok()) << none.error().detail;
  EXPECT_EQ(none->state(), empty.state());
}

// Every way a state can be wrong is an error value, never a throw or a partial aggregator.
TEST(Aggregate, FromStateIsStrict) {
  Aggregator a(make_campaign(3));
  for (const auto& s : mixed_submissions()) a.add(s);
  const json good = a.state();
  ASSERT_TRUE(Aggregator::from_state(make_campaign(3), good).ok());

  auto expect_error = [&](const char* what, const std::function<void(json&)>& change, Errc code = Errc::schema_failure) {
    json j = good;
    change(j);
    auto r = Aggregator::from_state(make_campaign(3), j);
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.error().code, code) << what;
    EXPECT_FALSE(r.error().detail.empty()) << what;
  };
  expect_error("not an object", [](json& j) { j = json::array(); });
  expect_error("not JSON", [](json& j) { j = json::parse("{\"aggregate\":", nullptr, false); });
  expect_error("version 2", [](json& j) { j["aggregate"] = 2; });
  expect_error("no version", [](json& j) { j.erase("aggregate"); });
  expect_error("other campaign", [](json& j) { j["campaign"] = "bbbbbbbbbbbbbbbbbbbbbbbbbb"; }, Errc::wrong_campaign);
  expect_error("extra field", [](json& j) { j["extra"] = 1; });
  expect_error("negative responses", [](json& j) { j["responses"] = -1; });
  expect_error("fractional responses", [](json& j) { j["responses"] = 17.5; });
  expect_error("string count", [](json& j) { j["unknown_answers"] = "1"; });
  expect_error("huge count", [](json& j) { j["invalid_answers"] = std::uint64_t{1} << 60; });
  expect_error("questions missing", [](json& j) { j.erase("questions"); });
  expect_error("one question short", [](json& j) { j["questions"].erase(5); });
  expect_error("questions swapped", [](json& j) { std::swap(j["questions"][0], j["questions"][1]); });
  expect_error("question not an object", [](json& j) { j["questions"][0] = 1; });
  expect_error("question extra field", [](json& j) { j["questions"][0]["comments"] = json::array(); });
  expect_error("counts on a text question", [](json& j) { j["questions"][4]["counts"] = json::array(); });
  expect_error("too few bins", [](json& j) { j["questions"][0]["counts"].erase(4); });
  expect_error("negative bin", [](json& j) { j["questions"][0]["counts"][0] = -1; });
  expect_error("fractional bin", [](json& j) { j["questions"][0]["counts"][0] = 1.5; });
  expect_error("bins do not add up", [](json& j) { j["questions"][0]["counts"][0] = 5; });
  expect_error("answered does not add up", [](json& j) { j["questions"][2]["answered"] = 9; });
  expect_error("more answers than responses", [](json& j) {
    j["questions"][0]["answered"] = 18;
    j["questions"][0]["counts"][0] = 5;
  });
  expect_error("an option chosen by more people than answered", [](json& j) { j["questions"][3]["counts"][0] = 12; });
  expect_error("fewer options chosen than people answered", [](json& j) { j["questions"][3]["counts"] = {0, 0, 0, 1}; });
  expect_error("comments do not match answered", [](json& j) { j["questions"][4]["comments"].push_back("more"); });
  expect_error("empty comment", [](json& j) { j["questions"][4]["comments"][0] = ""; });
  expect_error("comment not a string", [](json& j) { j["questions"][4]["comments"][0] = 3; });
  expect_error("control character", [](json& j) { j["questions"][5]["comments"][0] = "a\x01b"; });
}

// ---------------------------------------------------------------- comment order

TEST(Aggregate, CommentsAreShuffledWithThePassedRng) {
  Aggregator a(make_campaign(3));
  for (const char* c : {"a", "b", "c", "d"}) a.add(feedback({{"comment", text(c)}}));
  ZeroRng zero;
  const auto r = a.result(zero);
  // Always drawing 0 rotates the list left by one: proof the order comes from this Rng.
  EXPECT_EQ(question(r, "comment").comments, (std::vector<std::string>{"b", "c", "d", "a"}));
  EXPECT_EQ(zero.calls, 3);
  // The aggregator itself keeps arrival order (results are shuffled copies).
  EXPECT_EQ(a.state()["questions"][4]["comments"], (json{"a", "b", "c", "d"}));
  // The same seed gives the same order; another seed, here, another one.
  EXPECT_EQ(question(result_of(a, 1), "comment").comments, question(result_of(a, 1), "comment").comments);
  EXPECT_NE(question(result_of(a, 1), "comment").comments, question(result_of(a, 2), "comment").comments);
}

TEST(Aggregate, EveryCommentOrderIsEquallyLikely) {
  Aggregator a(make_campaign(3));
  for (const char* c : {"x", "y", "z"}) a.add(feedback({{"comment", text(c)}}));
  SeededRng rng = seeded(3);
  std::map<std::vector<std::string>, int> seen;
  for (int i = 0; i < 6000; ++i) ++seen[question(a.result(rng), "comment").comments];
  ASSERT_EQ(seen.size(), 6u);
  for (const auto& [order, n] : seen) EXPECT_NEAR(n, 1000, 150);  // ~5 standard deviations
}

}  // namespace
}  // namespace parley

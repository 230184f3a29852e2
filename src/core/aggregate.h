// Aggregation of feedback, with the anonymity threshold k applied to everything it shows.
//
// Counts are kept as histograms, so partial aggregates (one per worker) merge exactly and
// memory stays flat however many responses arrive; only free-text comments are stored.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/manifest.h"
#include "core/rng.h"
#include "core/submission.h"

namespace parley {

struct QuestionResult {
  std::string id;
  QuestionType type = QuestionType::likert;
  std::string text;
  std::vector<std::string> options;  // choice questions: labels for `counts`
  std::size_t answered = 0;
  bool visible = false;              // answered >= k: otherwise nothing below is filled
  std::vector<std::size_t> counts;   // likert: [1..5], enps: [0..10], choices: per option
  double mean = 0;                   // likert and enps
  double median = 0;                 // likert and enps
  std::size_t promoters = 0, passives = 0, detractors = 0;  // enps
  double enps = 0;                   // % promoters - % detractors, -100..100
  std::vector<std::string> comments; // text and blockers, in random order
};

struct AggregateResult {
  std::size_t responses = 0;         // valid feedback submissions counted
  int k = kDefaultK;                 // the campaign's anonymity threshold
  bool visible = false;              // responses >= k: otherwise `questions` is empty
  std::size_t unknown_answers = 0;   // answers to question ids the campaign does not have
  std::size_t invalid_answers = 0;   // answers that do not fit their question
  std::vector<QuestionResult> questions;
};

class Aggregator {
 public:
  explicit Aggregator(const Campaign& campaign);

  // Counts one feedback submission (mediation requests are ignored: they are not feedback).
  void add(const Submission& submission);
  // Adds another aggregator's counts (same campaign), e.g. from a worker.
  void merge(const Aggregator& other);

  std::size_t responses() const { return responses_; }

  // The tallies as JSON, so a worker can hand its partial aggregate to the page:
  //   {"aggregate":1,"campaign":ID,"responses":N,"unknown_answers":N,"invalid_answers":N,
  //    "questions":[{"id":ID,"answered":N,"counts":[N...]} | {"id":ID,"answered":N,"comments":[S...]}]}
  // Comments are in arrival order: this is for passing between threads, never for storing
  // or showing (result() shuffles them).
  nlohmann::json state() const;
  // The inverse, for `campaign` only; strict (schema_failure for anything that could not come
  // from state(), wrong_campaign for another campaign's tallies). Never throws.
  static Result<Aggregator> from_state(const Campaign& campaign, const nlohmann::json& state);

  // Applies k; comments are shuffled with `rng` so their order says nothing about arrival.
  AggregateResult result(Rng& rng) const;

 private:
  struct Tally {
    std::vector<std::size_t> counts;
    std::vector<std::string> comments;
    std::size_t answered = 0;
  };
  Campaign campaign_;
  std::vector<Tally> tallies_;
  std::size_t responses_ = 0;
  std::size_t unknown_ = 0;
  std::size_t invalid_ = 0;
};

}  // namespace parley

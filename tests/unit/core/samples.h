// Sample data shared by the core tests: a questionnaire with every question type, answer
// builders, and a valid S3 storage description.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/manifest.h"
#include "core/s3_post_policy.h"
#include "core/storage.h"
#include "core/submission.h"
#include "core/utc_time.h"

namespace parley::samples {

// One question of each type, required where a reader would expect it.
inline std::vector<Question> sample_questions() {
  return {
      {"mood", QuestionType::likert, "I can do my best work here.", true, {}},
      {"recommend", QuestionType::enps, "How likely are you to recommend this team?", true, {}},
      {"focus", QuestionType::single_choice, "Where should we focus?", false, {"Tooling", "Process", "People"}},
      {"topics", QuestionType::multi_choice, "Which topics matter to you?", false, {"Pay", "Growth", "Workload", "Remote"}},
      {"comment", QuestionType::free_text, "Anything else?", false, {}},
      {"blockers", QuestionType::blockers, "What is standing in your way?", false, {}},
  };
}

inline Answer num(int n) {
  Answer a;
  a.number = n;
  return a;
}

inline Answer choices(std::vector<int> c) {
  Answer a;
  a.choices = std::move(c);
  return a;
}

inline Answer text(std::string t) {
  Answer a;
  a.text = std::move(t);
  a.is_text = true;
  return a;
}

// A valid S3 storage description: a real POST policy, as `parley store s3-post-policy` makes
// it for a path-style bucket (the AWS documentation's example keys).
inline Storage sample_s3_storage(const std::string& key_prefix = "incoming/pv7kq2m4x9c3r8t1w6y5z0abcd/",
                                 const std::string& bucket_url = "https://storage.example.org/parley-inbox/") {
  s3::PostPolicyInput in;
  in.bucket = "parley-inbox";
  in.key_prefix = key_prefix;
  in.max_bytes = 65536;
  in.expires = parse_day("2026-12-15").value();
  in.credentials = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
  in.region = "us-east-1";
  in.amz_date = "20261130T093000Z";
  Storage s;
  s.kind = std::string(kStorageS3);
  s.key_prefix = key_prefix;
  s.url = bucket_url + key_prefix;
  s.post_fields = s3::make_post_policy(in).value().fields;
  return s;
}

}  // namespace parley::samples

// Questionnaire templates drawn from good remote-team practice (assets/templates/*.json),
// embedded at build time and shared by the app and the CLI.
#pragma once

#include <string>
#include <vector>

#include "core/manifest.h"

namespace parley {

struct Template {
  std::string name;  // e.g. "team-trust-pulse"
  std::string title;
  std::string intro;
  std::vector<Question> questions;
};

// The built-in templates, in a stable order. A template that fails to parse is a build bug
// and is caught by the unit tests; it is skipped here rather than aborting the app.
const std::vector<Template>& builtin_templates();
const Template* find_template(const std::string& name);

}  // namespace parley

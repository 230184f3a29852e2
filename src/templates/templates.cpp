#include "templates/templates.h"

#include "core/json_read.h"

extern const unsigned char parley_template_trust[];
extern const unsigned long parley_template_trust_size;
extern const unsigned char parley_template_blockers[];
extern const unsigned long parley_template_blockers_size;
extern const unsigned char parley_template_enps[];
extern const unsigned long parley_template_enps_size;

namespace parley {
namespace {

bool parse_template(const unsigned char* data, unsigned long size, Template& out) {
  auto j = parse_json(std::string_view(reinterpret_cast<const char*>(data), size), "A template");
  if (!j) return false;
  JsonReader r(*j, "A template");
  out.name = r.string("name");
  out.title = r.string("title");
  out.intro = r.string("intro");
  const json* qs = r.array("questions");
  if (!r.ok() || !qs) return false;
  auto questions = questions_from_json(*qs);
  if (!questions) return false;
  out.questions = std::move(*questions);
  return true;
}

}  // namespace

const std::vector<Template>& builtin_templates() {
  static const std::vector<Template> templates = [] {
    std::vector<Template> out;
    const std::pair<const unsigned char*, unsigned long> sources[] = {
        {parley_template_trust, parley_template_trust_size},
        {parley_template_blockers, parley_template_blockers_size},
        {parley_template_enps, parley_template_enps_size},
    };
    for (const auto& [data, size] : sources) {
      Template t;
      if (parse_template(data, size, t)) out.push_back(std::move(t));
    }
    return out;
  }();
  return templates;
}

const Template* find_template(const std::string& name) {
  for (const auto& t : builtin_templates()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace parley

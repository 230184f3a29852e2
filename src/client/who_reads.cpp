#include "client/who_reads.h"

#include <algorithm>

#include "client/texts.h"
#include "core/keys.h"
#include "core/url.h"

namespace parley::client {
std::string recipient_key_ids(const std::vector<Key32>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + format_key_id(key_id(KeyKind::recipient, k));
  return out;
}

std::string mediator_name(const Campaign& c, std::size_t index) {
  if (index >= c.mediation_to.size()) return "";
  const std::string id = format_key_id(key_id(KeyKind::recipient, c.mediation_to[index]));
  const std::string label = mediator_label(c, index);
  return label.empty() ? text("mediator.unnamed", {{"key", id}}) : text("mediator.named", {{"label", label}, {"key", id}});
}

std::string mediator_names(const Campaign& c) {
  std::string out;
  for (std::size_t i = 0; i < c.mediation_to.size(); ++i) out += (out.empty() ? "" : ", ") + mediator_name(c, i);
  return out;
}

std::string storage_host(const std::string& url) {
  auto parsed = parse_url(url);
  return parsed ? parsed->host : url;
}

std::vector<std::string> who_reads(const Campaign& c, std::string_view signer_label) {
  std::vector<std::string> lines;
  const std::string k = std::to_string(c.k);
  const std::string readers = recipient_key_ids(c.feedback_to);
  if (c.trustee) {
    const Trustee& t = *c.trustee;
    const std::string trustee_key = format_key_id(key_id(KeyKind::recipient, t.recipient));
    lines.push_back(text("intro.who_reads.trustee_feedback",
                         {{"trustee", t.label}, {"closes", c.closes}, {"k", k}, {"keys", readers}}));
    lines.push_back(text("intro.who_reads.trustee_role", {{"trustee", t.label}, {"key", trustee_key}}));
    lines.push_back(text("intro.who_reads.trustee_collusion", {{"trustee", t.label}}));
  } else {
    lines.push_back(text("intro.who_reads.direct_feedback", {{"k", k}, {"closes", c.closes}, {"keys", readers}}));
    lines.push_back(text("intro.who_reads.direct_single", {{"keys", readers}}));
  }
  if (!c.mediation_to.empty()) {
    const std::string mediators = mediator_names(c);
    lines.push_back(c.allow_mediation_to_feedback_readers ? text("intro.who_reads.mediation_shared", {{"mediators", mediators}})
                                                          : text("intro.who_reads.mediation_only", {{"mediators", mediators}}));
    if (c.trustee) {
      const bool trustee_mediates =
          std::find(c.mediation_to.begin(), c.mediation_to.end(), c.trustee->recipient) != c.mediation_to.end();
      lines.push_back(trustee_mediates ? text("intro.who_reads.mediation_by_trustee", {{"trustee", c.trustee->label}})
                                       : text("intro.who_reads.mediation_via_trustee",
                                              {{"trustee", c.trustee->label}, {"closes", c.closes}, {"k", k}}));
    }
  }
  lines.push_back(text("intro.who_reads.storage", {{"host", storage_host(c.storage.url)}}));
  const std::string signer = format_key_id(key_id(KeyKind::signing, c.signer));
  lines.push_back(signer_label.empty() ? text("intro.who_reads.signer", {{"key", signer}})
                                       : text("intro.who_reads.signer_listed", {{"label", std::string(signer_label)}, {"key", signer}}));
  lines.push_back(text("intro.who_reads.never_collected"));
  return lines;
}

}  // namespace parley::client

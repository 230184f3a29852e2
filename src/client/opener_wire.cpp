#include "client/opener_wire.h"

#include <sodium.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "core/json_read.h"
#include "core/text.h"

namespace parley::client {
namespace {

constexpr char kRequestMagic[4] = {'P', 'W', 'Q', '2'};
constexpr char kResponseMagic[4] = {'P', 'W', 'R', '1'};

void put_u32(Bytes& out, std::size_t v) {
  const auto n = static_cast<std::uint32_t>(v);  // every length here is far below 4 GiB
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
}

void put_bytes(Bytes& out, const std::uint8_t* data, std::size_t size) {
  put_u32(out, size);
  out.insert(out.end(), data, data + size);
}

void put_string(Bytes& out, const std::string& s) { put_bytes(out, reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(data ? size : 0) {}

  bool magic(const char (&m)[4]) {
    if (size_ - pos_ < 4 || std::memcmp(data_ + pos_, m, 4) != 0) return false;
    pos_ += 4;
    return true;
  }
  bool u32(std::uint32_t& v) {
    if (size_ - pos_ < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(data_[pos_ + static_cast<std::size_t>(i)]) << (8 * i);
    pos_ += 4;
    return true;
  }
  // A length-prefixed run of bytes, pointing into the message.
  bool span(const std::uint8_t*& p, std::size_t& n) {
    std::uint32_t len = 0;
    if (!u32(len) || size_ - pos_ < len) return false;
    p = data_ + pos_;
    n = len;
    pos_ += len;
    return true;
  }
  bool fixed(std::uint8_t* out, std::size_t n) {
    if (size_ - pos_ < n) return false;
    std::memcpy(out, data_ + pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t left() const { return size_ - pos_; }
  bool at_end() const { return pos_ == size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

Error malformed(const char* what) { return make_error(Errc::bad_input, std::string("The worker message is malformed: ") + what + "."); }

}  // namespace

Bytes encode_open_batch(const OpenBatch& batch) {
  std::size_t size = 4 + 4 + batch.campaign_token.size() + batch.secret_key.get().size() + 1 + 4;
  for (const auto& e : batch.envelopes) size += 4 + e.size();
  Bytes out(kRequestMagic, kRequestMagic + 4);
  out.reserve(size);
  put_string(out, batch.campaign_token);
  out.insert(out.end(), batch.secret_key.get().begin(), batch.secret_key.get().end());
  out.push_back(static_cast<std::uint8_t>(batch.source));
  put_u32(out, batch.envelopes.size());
  for (const auto& e : batch.envelopes) put_bytes(out, e.data(), e.size());
  return out;
}

Result<OpenBatch> decode_open_batch(const std::uint8_t* data, std::size_t size) {
  Reader r(data, size);
  OpenBatch batch;
  const std::uint8_t* token = nullptr;
  std::size_t token_size = 0;
  std::uint32_t count = 0;
  std::uint8_t source = 0;
  if (!r.magic(kRequestMagic) || !r.span(token, token_size) ||
      !r.fixed(batch.secret_key.get().data(), batch.secret_key.get().size()) || !r.fixed(&source, 1) || !r.u32(count)) {
    return malformed("bad request header");
  }
  if (source > static_cast<std::uint8_t>(BatchSource::release_mediation)) {
    return malformed("unknown envelope source");
  }
  batch.source = static_cast<BatchSource>(source);
  batch.campaign_token.assign(reinterpret_cast<const char*>(token), token_size);
  if (count > r.left() / 4) {  // each envelope takes at least its length prefix
    return malformed("too many envelopes for its size");
  }
  batch.envelopes.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint8_t* p = nullptr;
    std::size_t n = 0;
    if (!r.span(p, n)) break;
    batch.envelopes.emplace_back(p, p + n);
  }
  if (batch.envelopes.size() != count || !r.at_end()) {
    return malformed("bad envelope list");
  }
  return batch;
}

Bytes encode_opened_batch(const OpenedBatch& opened) {
  std::map<std::string, std::size_t> failures = opened.failures;
  std::vector<Bytes> mediation;
  mediation.reserve(opened.mediation.size());
  for (const auto& s : opened.mediation) {
    auto contents = encode_submission(s);
    if (contents) mediation.push_back(std::move(*contents));
    else ++failures[to_string(contents.error().code)];  // cannot happen for opened requests
  }
  std::string state = opened.feedback ? opened.feedback->state().dump(-1, ' ', false, json::error_handler_t::replace) : "";

  Bytes out(kResponseMagic, kResponseMagic + 4);
  put_u32(out, opened.count);
  put_string(out, state);
  sodium_memzero(state.data(), state.size());  // comments: keep as few copies around as possible
  put_u32(out, mediation.size());
  for (auto& m : mediation) {
    put_bytes(out, m.data(), m.size());
    sodium_memzero(m.data(), m.size());
  }
  std::size_t classes = 0;
  for (const auto& entry : failures) classes += entry.second ? 1 : 0;
  put_u32(out, classes);
  for (const auto& [name, n] : failures) {
    if (!n) continue;  // nothing failed for this reason
    put_string(out, name);
    put_u32(out, n);
  }
  return out;
}

Result<OpenedBatch> decode_opened_batch(const std::uint8_t* data, std::size_t size, const Campaign* campaign) {
  Reader r(data, size);
  OpenedBatch out;
  std::uint32_t count = 0, mediation = 0, failures = 0;
  const std::uint8_t* state = nullptr;
  std::size_t state_size = 0;
  if (!r.magic(kResponseMagic) || !r.u32(count) || !r.span(state, state_size)) return malformed("bad response header");
  out.count = count;
  std::uint64_t accounted = 0;  // every envelope is a response, a request or a failure
  if (state_size > 0) {
    if (!campaign) return malformed("tallies for a campaign the page cannot read");
    const json j = json::parse(state, state + state_size, nullptr, false);
    auto feedback = Aggregator::from_state(*campaign, j);
    if (!feedback) return feedback.error();
    accounted += feedback->responses();
    out.feedback = std::make_unique<Aggregator>(std::move(*feedback));
  }
  if (!r.u32(mediation) || mediation > r.left() / 4) return malformed("bad mediation list");
  for (std::uint32_t i = 0; i < mediation; ++i) {
    const std::uint8_t* p = nullptr;
    std::size_t n = 0;
    if (!r.span(p, n)) return malformed("bad mediation list");
    if (!campaign) return malformed("requests for a campaign the page cannot read");
    auto s = decode_submission(Bytes(p, p + n), *campaign);
    if (!s || s->kind != SubmissionKind::mediation) return malformed("a mediation request does not decode");
    out.mediation.push_back(std::move(*s));
  }
  accounted += mediation;
  if (!r.u32(failures) || failures > r.left() / 8) return malformed("bad failure list");
  for (std::uint32_t i = 0; i < failures; ++i) {
    const std::uint8_t* p = nullptr;
    std::size_t n = 0;
    std::uint32_t times = 0;
    if (!r.span(p, n) || !r.u32(times) || n == 0 || n > 64 || times == 0) return malformed("bad failure list");
    std::string name(reinterpret_cast<const char*>(p), n);
    if (!is_clean_text(name, 64, false) || out.failures.count(name)) return malformed("bad failure class");
    out.failures.emplace(std::move(name), times);
    accounted += times;
  }
  if (!r.at_end()) return malformed("trailing bytes");
  if (accounted != count) return malformed("the counts do not add up");
  return out;
}

}  // namespace parley::client

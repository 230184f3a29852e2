// Short-link vectors (docs/FORMAT.md, "Short links"): a link, and the object fetched from its
// address as the input.
#include "cli/vectors.h"
#include "core/short_link.h"

namespace parley::cli::vectors {

Status write_short_link_vectors(Writer& w, const Fixture& f) {
  const Campaign& c = f.campaign;
  auto url = manifest_object_url(c);
  if (!url) return url.error();
  const std::string name = manifest_object_name(c.manifest_hash);
  const std::string elsewhere = short_link("https://parley.example/", *url);
  // serve.py's page and store share an origin: the link holds only the object's path.
  const std::string same_origin = short_link(*url, *url);
  Status st = Ok{};
  auto put = [&](const std::string& vector, const std::string& expect, const std::string& link, const std::string& object,
                 const std::string& comment) {
    Headers h = {{"expect", expect}, {"kind", "short-link"}, {"link", link}};
    if (expect == "success") h.emplace_back("manifest", hex(c.manifest_hash));
    h.emplace_back("comment", comment);
    if (st) st = w.write(vector, h, to_bytes(object));
  };
  put("short-link-success", "success", elsewhere, f.token, "the object's whole URL after #m=");
  put("short-link-success-path", "success", same_origin, f.token, "the object's path, on the app's own origin");
  put("short-link-success-personal", "success", elsewhere + "&i=" + std::string(26, 'a'), f.token,
      "a personal short link: the code follows the address");

  std::string changed = f.token;  // a character of the signature: the body still reads
  changed[changed.size() - 10] = changed[changed.size() - 10] == 'A' ? 'B' : 'A';
  put("short-link-changed-object", "bad-signature", elsewhere, changed, "one byte of the stored token's signature changed");
  put("short-link-other-manifest", "wrong-manifest", elsewhere, f.trustee_token,
      "a validly signed manifest, but not the one the name states");
  put("short-link-not-a-token", "bad-input", elsewhere, "<html><body>Not found</body></html>",
      "the storage answered with a page, not a token");
  put("short-link-path-without-app", "bad-input", "#m=" + same_origin.substr(same_origin.find("#m=") + 3), f.token,
      "an object path with no app address to resolve it against");
  std::string upper = name;
  for (std::size_t i = 2; i < 54; ++i) upper[i] = static_cast<char>(upper[i] >= 'a' && upper[i] <= 'z' ? upper[i] - 32 : upper[i]);
  put("short-link-upper-case-name", "bad-input", "https://parley.example/#m=" + url->substr(0, url->size() - name.size()) + upper,
      f.token, "the object name in upper case: one name per manifest");
  put("short-link-not-an-object-name", "bad-input", "https://parley.example/#m=https://store.example/team/index.html", f.token,
      "a last path segment that is not a manifest object name");
  put("short-link-query", "bad-input", elsewhere + "?x=1", f.token, "an address with a query");
  return st;
}

}  // namespace parley::cli::vectors

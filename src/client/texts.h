// Every sentence, label and button text a person reads in the app comes from one catalog,
// assets/texts/en.json (key -> English text, embedded into parley_client at build time), so that a
// translation is one more file with the same keys. Keys are dotted and named for where the text
// appears ("welcome.open_button"); {name} in a text is filled from the call's arguments; a count
// picks between "<key>.one" and "<key>.other". The format is in docs/TRANSLATING.md, and
// tests/unit/client/texts_test.cpp holds the calls in src/ui and src/client and the catalog to each other.
//
// Lookups never fail: a key the catalog lacks comes back as the key itself, so a gap shows on
// screen instead of crashing. Call with a string literal as the key: the test finds the keys
// in use by reading the sources.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace parley::client {

// Values for a text's {placeholders}, by name: {{"answered", "2"}, {"total", "6"}}. Values go
// in as they are (braces in a value are not placeholders).
using TextArgs = std::initializer_list<std::pair<std::string_view, std::string>>;

// The catalog's text for `key`, valid for the whole program.
const std::string& text(std::string_view key);

// The text for `key` with its {placeholders} filled from `args`; a placeholder without a value
// stays as written.
std::string text(std::string_view key, TextArgs args);

// "<key>.one" when n is 1, "<key>.other" otherwise (English's rule), with {n} filled by n and
// the other placeholders from `args`.
std::string plural(std::string_view key, long n, TextArgs args = {});

}  // namespace parley::client

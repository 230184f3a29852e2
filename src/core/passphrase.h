// How hard a key file's passphrase is to guess, scored the same way wherever one is chosen
// (the app's key screen and `parley keygen`): a key file that leaves the device is only as
// safe as its passphrase against an offline guesser.
#pragma once

#include <string_view>

namespace parley {

// 0 (empty), 1 (too easy), 2 (weak), 3 (good), 4 (strong). Length dominates: 20+ characters, or
// four+ words in 16+, is strong; 14+ good; 10+ weak; a single class of characters in few words
// loses a step.
int passphrase_strength(std::string_view passphrase);

// The least a new key file accepts: 10 characters of more than one kind, or a few words.
inline constexpr int kMinPassphraseStrength = 2;

}  // namespace parley

#include "client/opener.h"

namespace parley::client {

std::unique_ptr<EnvelopeOpener> make_opener() { return std::make_unique<InlineOpener>(); }

}  // namespace parley::client

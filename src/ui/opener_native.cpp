#include "ui/opener.h"

namespace parley::ui {

std::unique_ptr<EnvelopeOpener> make_opener() { return std::make_unique<InlineOpener>(); }

}  // namespace parley::ui

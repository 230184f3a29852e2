// What both platforms share about HTTP answers.
#include <string>
#include <string_view>

#include "core/text.h"
#include "platform/platform.h"

namespace parley::platform {

std::string media_type(std::string_view content_type_header) {
  return ascii_lower(blank_trimmed(content_type_header.substr(0, content_type_header.find(';'))));
}

}  // namespace parley::platform

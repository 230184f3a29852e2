// Tables for the mirror: real tables (rows of cells, the first row the column headers), so a
// screen reader can move through them by row and column. figure_table also draws its cells on
// the canvas; mirror_table is a drawing's accessible twin (a chart), whose cells exist only in
// the mirror.
#pragma once

#include <string>
#include <vector>

#include "ui/mirror.h"

namespace parley::ui {

// `widths`: each column's share of the reading column (they should add up to 1). Cells wrap
// within their column; a row is as tall as its tallest cell. `id` names the table.
void figure_table(const std::string& name, const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows, const std::vector<float>& widths, Mirror& items,
                  const std::string& id);

// Declares a table to the mirror only: `headers`, then `rows`. Draws nothing.
void mirror_table(const std::string& name, const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows, Mirror& items);

}  // namespace parley::ui

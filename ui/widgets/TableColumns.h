#pragma once
// Column sizing shared by the small monitor and drill-down tables.
class QTableView;

namespace ds::ui {

/// Column `stretch` takes the width that is left; every other column fits its header and contents,
/// so short numbers never take 100 px each and push the text column (or the last one) out of view.
void fitColumnsAround(QTableView *view, int stretch);

} // namespace ds::ui

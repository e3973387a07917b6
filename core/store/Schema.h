#pragma once
// Ordered schema migrations. Step N brings a database from user_version N-1 to N; each step runs in
// its own transaction. Never edit a released step: append a new one. Other components' tables have
// migrations of their own (store/ModuleSchema.h).
#include <vector>

namespace ds::schema {

/// 'DSC1': lets `file` and other tools recognise a DistillScope database.
inline constexpr int kApplicationId = 0x44534331;

const std::vector<const char *> &migrations();

} // namespace ds::schema

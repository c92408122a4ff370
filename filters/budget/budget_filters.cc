// The budget family adds no filters to the pipeline: it checks a built output afterwards. Its
// API is pagebake/budget.h (budget_api.cc); this translation unit is the one pagebake_family()
// expects every family to have.
#include "pagebake/budget.h"

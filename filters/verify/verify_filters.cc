// The verify family adds no filters to the pipeline: it renders a source site and its output
// in a browser and compares them (pagebake/verify.h). This translation unit is the one
// pagebake_family() expects every family to have.
#include "pagebake/verify.h"

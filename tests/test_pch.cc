// The target that builds the test binaries' precompiled header (tests/CMakeLists.txt).

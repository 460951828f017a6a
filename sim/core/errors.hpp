// Typed errors thrown by library code. Only `main` catches them, prints `what()` and sets the exit
// code; library code never prints or exits.
#pragma once

#include <stdexcept>
#include <string>

namespace cimsim::core {

// Base of every error cimsim reports to a user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A configuration value is missing, malformed, of the wrong type or out of range. The message
// starts with `file:line:col: dotted.path:` so the user can jump to the bad key.
class ConfigError : public Error {
 public:
  using Error::Error;
};

// The command line is wrong: an unknown or malformed option, a missing argument, an output path
// that cannot be written. Like ConfigError it is the user's to fix (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

// A data file (IDX dataset, device CSV) is missing, corrupt or inconsistent.
class DataError : public Error {
 public:
  using Error::Error;
};

// Reading or writing a file failed.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace cimsim::core

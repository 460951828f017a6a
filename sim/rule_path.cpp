#include "sim/rule_path.hpp"

namespace cimsim::sim {

const char* to_string(SignalSource source) {
  switch (source) {
    case SignalSource::kChainTransposed:
      return "chain_transposed";
    case SignalSource::kChainFeedback:
      return "chain_feedback";
    case SignalSource::kProjectOutputError:
      return "project_output_error";
    case SignalSource::kProjectTarget:
      return "project_target";
  }
  return "?";
}

}  // namespace cimsim::sim

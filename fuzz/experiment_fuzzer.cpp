// libFuzzer target: the input as the YAML text of an experiment file, through the whole validation
// (read_experiment: every section, the trainer, the hardware and its device, presets included).
// A typed cimsim error (core::Error) is the expected answer to a bad file; a crash, any other
// exception, a sanitizer report, a leak or a hang is a finding. A file that validates must
// validate again from its resolved configuration (what resolved.yaml and a sweep's points/*.yaml
// hold) and resolve to the same text.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "experiments/experiment_spec.hpp"

namespace {

std::string emit(const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  return out.c_str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cimsim::core::ConfigNode;
  using cimsim::experiments::read_experiment;
  std::string resolved;
  try {
    const ConfigNode root =
        ConfigNode::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    resolved = emit(read_experiment(root).resolved);
  } catch (const cimsim::core::Error&) {
    return 0;
  }
  try {
    const std::string again =
        emit(read_experiment(ConfigNode::parse(resolved, "resolved.yaml")).resolved);
    if (again != resolved) {
      std::fprintf(stderr, "resolved configuration changed when read again:\n%s\n---\n%s\n",
                   resolved.c_str(), again.c_str());
      std::abort();
    }
  } catch (const cimsim::core::Error& e) {
    std::fprintf(stderr, "resolved configuration does not validate: %s\n%s\n", e.what(),
                 resolved.c_str());
    std::abort();
  }
  return 0;
}

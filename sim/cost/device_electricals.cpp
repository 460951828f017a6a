#include "sim/cost/device_electricals.hpp"

namespace cimsim::sim::cost {

using core::Range;

const core::ParamTable& device_electricals_params() {
  static const core::ParamTable table = [] {
    const DeviceElectricals d;
    core::ParamTable t;
    t.real("g_on_siemens", d.g_on_siemens, "S", Range::above(0), "maximum conductance")
        .real("g_off_siemens", d.g_off_siemens, "S", Range::above(0), "minimum conductance")
        .real("read_voltage_v", d.read_voltage_v, "V", Range::above(0), "read voltage")
        .real("read_pulse_width_s", d.read_pulse_width_s, "s", Range::above(0),
              "duration of one read step")
        .real("write_voltage_ltp_v", d.write_voltage_ltp_v, "V", Range::above(0),
              "potentiation pulse amplitude")
        .real("write_voltage_ltd_v", d.write_voltage_ltd_v, "V", Range::above(0),
              "depression pulse amplitude")
        .real("write_pulse_width_s", d.write_pulse_width_s, "s", Range::above(0),
              "programming pulse width")
        .real("pulse_energy_j", d.pulse_energy_j, "J", Range::at_least(0),
              "energy per pulse beyond V^2 G t of the cell (e.g. an SRAM write)");
    return t;
  }();
  return table;
}

DeviceElectricals read_device_electricals(const core::ConfigNode& node,
                                          const DeviceElectricals& base) {
  const core::ParamValues v = device_electricals_params().read(node);
  DeviceElectricals d = base;
  const auto take = [&v](const char* key, double& field) {
    if (v.was_given(key)) field = v.real(key);
  };
  take("g_on_siemens", d.g_on_siemens);
  take("g_off_siemens", d.g_off_siemens);
  take("read_voltage_v", d.read_voltage_v);
  take("read_pulse_width_s", d.read_pulse_width_s);
  take("write_voltage_ltp_v", d.write_voltage_ltp_v);
  take("write_voltage_ltd_v", d.write_voltage_ltd_v);
  take("write_pulse_width_s", d.write_pulse_width_s);
  take("pulse_energy_j", d.pulse_energy_j);
  if (d.g_off_siemens >= d.g_on_siemens) {
    // Point at whichever of the two was given, else at the section (the device's figures).
    if (const auto given = node.find("g_off_siemens"))
      given->fail("g_off_siemens below g_on_siemens");
    if (const auto given = node.find("g_on_siemens"))
      given->fail("g_on_siemens above g_off_siemens");
    node.fail_message("g_off_siemens must be below g_on_siemens");
  }
  return d;
}

}  // namespace cimsim::sim::cost

// Geometry and periphery of one crossbar tile: the part of `hardware.tile` that both the tile
// numerics (sim/) and the cost model (sim/cost/) read.
//
// A layer's weight matrix is cut into tiles of rows x cols cells. Each weight uses
// cells_per_weight() cells of cell_bits each (bit slicing), twice when the mapping is
// differential (G+ and G-), or once plus one shared reference column per tile. Inputs enter through
// a DAC of input_bits or bit-serially (one bit per read cycle); cols_per_adc columns share one ADC
// through a column multiplexer.
//
// Extending: numerics-only keys (noise, IR drop...) are added to tile_spec_params() and to
// TileSpec; read_tile_spec() fills every declared key, so callers do not change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/config.hpp"
#include "sim/core/params.hpp"

namespace cimsim::sim {

enum class AdcType { kSar, kFlash, kSenseAmp, kIntegrateFire };
enum class InputMode { kDac, kBitSerial };
enum class WeightMapping { kDifferential, kReference };

// Largest tile side accepted: beyond it wire IR drop and RC delay make analog summation
// impractical (NeuroSim and published RRAM macros stop at 1024; Peng et al., IEDM 2019).
inline constexpr std::int64_t kMaxTileSide = 1024;
// Most bits one analog cell stores (256 levels; NeuroSim's device table stops at 7 bits).
inline constexpr std::int64_t kMaxCellBits = 8;

struct TileSpec {
  std::int64_t rows = 128;        // cells per column (inputs per tile), in [8, 1024]
  std::int64_t cols = 128;        // cells per row, in [8, 1024]
  std::int64_t cols_per_adc = 8;  // columns multiplexed onto one ADC, divides cols
  // Columns sharing one write driver, programmed one after another (divides cols): a row is
  // written in cols_per_write_driver batches of cols / cols_per_write_driver cells. 1: every
  // column has its own driver and a row is written at once.
  std::int64_t cols_per_write_driver = 1;
  std::int64_t adc_bits = 5;  // ADC resolution, in [1, 16]
  AdcType adc_type = AdcType::kSar;
  std::int64_t input_bits = 8;  // activation precision, in [1, 16]
  InputMode input_mode = InputMode::kBitSerial;
  std::int64_t cell_bits = 4;    // bits stored per cell, in [1, kMaxCellBits]
  std::int64_t weight_bits = 8;  // bits per weight, in [1, 16] (cell_bits when trained in situ)
  WeightMapping mapping = WeightMapping::kDifferential;

  // ceil(weight_bits / cell_bits): cells holding one weight's slices.
  std::int64_t cells_per_weight() const;
  // Physical columns per weight: cells_per_weight(), doubled for differential pairs.
  std::int64_t columns_per_weight() const;
  // Columns of a tile that hold weights (cols minus the reference column, if any).
  std::int64_t weight_columns() const;
  // Read cycles per input vector: input_bits when bit-serial, 1 with a DAC.
  std::int64_t input_cycles() const;
  // Cells of a row programmed at once: cols / cols_per_write_driver.
  std::int64_t cells_per_write_batch() const;
};

// The declared keys, defaults, units and ranges of `hardware.tile` (for validation and docs).
const core::ParamTable& tile_spec_params();

// Validates `node` (the `hardware.tile` map; null means all defaults). `trained`: some layer is
// trained in situ on these tiles, and trained weights take one cell per weight side
// (sim/crossbar_array.hpp), so weight_bits then defaults to cell_bits and a larger weight_bits is
// an error that says what to set. `also_allowed` lists keys another reader owns. Throws
// ConfigError naming the key path for bad values and for combinations that cannot be built
// (cols_per_adc or cols_per_write_driver not dividing cols, a weight wider than a tile, a flash
// ADC above 8 bits).
TileSpec read_tile_spec(const core::ConfigNode& node, bool trained = false,
                        const std::vector<std::string>& also_allowed = {});
// Builds the spec from values already read through tile_spec_params().
TileSpec tile_spec_from_values(const core::ParamValues& values);
// The resolved `hardware.tile` section.
YAML::Node tile_spec_to_yaml(const TileSpec& spec);

const char* to_string(AdcType type);
const char* to_string(InputMode mode);
const char* to_string(WeightMapping mapping);

}  // namespace cimsim::sim

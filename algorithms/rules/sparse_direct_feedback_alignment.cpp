// Sparse direct feedback alignment (Crafton, Parihar, Gebhardt & Raychowdhury, "Direct feedback
// alignment with sparse connections for local learning", Front. Neurosci. 13:525, 2019): DFA
// whose B_l has only a few nonzero entries per row, so each hidden unit hears the error of a few
// output units (one, in their leanest set-up, which still learns MNIST). A digital B then stores
// and multiplies k entries a unit instead of one per class; on tiles it costs what DFA's does.
#include "algorithms/direct_projection.hpp"
#include "algorithms/feedback.hpp"

namespace cimsim::algorithms {
namespace {

core::ParamTable sparse_params() {
  core::ParamTable t = feedback_params();
  t.integer("nonzeros_per_row", 1, core::Range::between(1, 4096),
            "nonzero entries per row of B_l: output errors each hidden unit receives (all "
            "classes, if more)");
  return t;
}

// B_l of DFA's shape with `k` nonzero entries per row at random columns, drawn once from
// Rng::derive(seed, "train.trainer/<name>/columns"); entries scaled for a fan-in of k.
std::vector<std::unique_ptr<sim::WeightArray>> sparse_matrices(const core::ParamValues& params,
                                                               const TrainerContext& context) {
  std::vector<std::unique_ptr<sim::WeightArray>> feedback;
  const auto& layers = context.layers;
  const Eigen::Index classes = layers.back().units;
  const Eigen::Index k = std::min<Eigen::Index>(params.integer("nonzeros_per_row"), classes);
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    const std::string name = feedback_name(l);
    Eigen::MatrixXf b =
        draw_feedback_matrix(params, context.seed, name, layers[l].units, classes, k);
    core::Rng columns_rng = core::Rng::derive(context.seed, "train.trainer/" + name + "/columns");
    std::vector<std::int64_t> columns(static_cast<std::size_t>(classes));
    for (Eigen::Index row = 0; row < b.rows(); ++row) {
      for (std::size_t c = 0; c < columns.size(); ++c) columns[c] = static_cast<std::int64_t>(c);
      columns_rng.shuffle(columns);
      for (std::size_t c = static_cast<std::size_t>(k); c < columns.size(); ++c) {
        b(row, columns[c]) = 0.0f;
      }
    }
    feedback.push_back(program_feedback_matrix(context, name, b));
  }
  return feedback;
}

}  // namespace

void register_sparse_direct_feedback_alignment(TrainerRegistry& registry) {
  registry.add(
      {"sdfa", "sparse DFA: output error to every layer at once through sparse B", sparse_params(),
       [](const core::ParamValues& p) {
         return sim::RulePath{.source = sim::SignalSource::kProjectOutputError,
                              .feedback_row_nonzeros = p.integer("nonzeros_per_row")};
       },
       [](const core::ParamValues& p, const TrainerContext& c) -> std::unique_ptr<Trainer> {
         return std::make_unique<DirectProjection>(c.error_quantizer, false, sparse_matrices(p, c));
       }});
}

}  // namespace cimsim::algorithms

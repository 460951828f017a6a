#include "algorithms/feedback.hpp"

#include <cmath>

namespace cimsim::algorithms {

core::ParamTable feedback_params() {
  core::ParamTable t;
  t.choice("feedback_init", std::string("uniform"), {"uniform", "gaussian"},
           "distribution of the random feedback entries")
      .real("feedback_scale", 1.0, "", core::Range::float_above(0),
            "entries span +-scale/sqrt(fan_in) (uniform: scaled by sqrt(3) to unit variance)");
  return t;
}

Eigen::MatrixXf draw_feedback_matrix(const core::ParamValues& params, std::uint64_t seed,
                                     const std::string& name, Eigen::Index outputs,
                                     Eigen::Index inputs, Eigen::Index fan_in) {
  core::Rng rng = core::Rng::derive(seed, "train.trainer/" + name);
  const float sigma =
      static_cast<float>(params.real("feedback_scale") / std::sqrt(static_cast<double>(fan_in)));
  Eigen::MatrixXf b(outputs, inputs);
  if (params.text("feedback_init") == "gaussian") {
    rng.fill_normal(b.data(), static_cast<std::size_t>(b.size()), 0.0f, sigma);
  } else {
    const float bound = sigma * std::sqrt(3.0f);  // U(-a, a) has variance a^2 / 3
    rng.fill_uniform(b.data(), static_cast<std::size_t>(b.size()), -bound, bound);
  }
  return b;
}

std::unique_ptr<sim::WeightArray> program_feedback_matrix(const TrainerContext& context,
                                                          const std::string& name,
                                                          const Eigen::MatrixXf& b) {
  auto array = context.make_feedback(name, b.rows(), b.cols());
  array->set_weights(b);
  return array;
}

std::unique_ptr<sim::WeightArray> make_feedback_matrix(const core::ParamValues& params,
                                                       const TrainerContext& context,
                                                       const std::string& name,
                                                       Eigen::Index outputs, Eigen::Index inputs,
                                                       Eigen::Index fan_in) {
  return program_feedback_matrix(
      context, name, draw_feedback_matrix(params, context.seed, name, outputs, inputs, fan_in));
}

std::string feedback_name(std::size_t l) { return "feedback[" + std::to_string(l) + "]"; }

}  // namespace cimsim::algorithms

// The hardware path of a learning rule, as data: what the cost model needs to know about a rule
// to lay out its feedback matrices, estimate its events, price what its tiles recorded and
// schedule its training step. Each rule states its own (algorithms/rules/); nothing in sim/ or
// experiments/ names a rule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace cimsim::sim {

// Where a hidden layer l's teaching signal delta_l comes from. The output layer's is always the
// loss gradient at the output.
enum class SignalSource {
  // delta_{l+1} carried down through W_{l+1}^T: a transposed read of layer l+1's own arrays,
  // layer after layer (backpropagation).
  kChainTransposed,
  // delta_{l+1} carried down through a feedback matrix B_{l+1} shaped like W_{l+1}^T, layer
  // after layer (feedback alignment, Kolen-Pollack). B_{l+1} belongs to layer l+1.
  kChainFeedback,
  // The output error projected to layer l through its own B_l (classes -> layer l's output
  // map), every layer at once (direct feedback alignment).
  kProjectOutputError,
  // The one-hot target projected to layer l through its own B_l, known before the forward pass
  // ends (direct random target projection).
  kProjectTarget,
};

struct RulePath {
  SignalSource source = SignalSource::kChainTransposed;
  // B receives the same outer-product update as the weights it stands for each step (Kolen &
  // Pollack 1994; Akrout et al., NeurIPS 2019): a second set of cells programmed every batch.
  bool feedback_learned = false;
  // Nonzero entries per row of B, i.e. per unit that receives a teaching signal (sparse
  // feedback, Crafton et al., Front. Neurosci. 2019); 0: every entry. A digital B stores and
  // multiplies only those, each with its column index; an analog B occupies and reads the whole
  // matrix of cells (a zero is a programmed conductance too).
  std::int64_t feedback_row_nonzeros = 0;

  // Fraction of the entries of a B with `columns` columns that are nonzero.
  double feedback_density(std::int64_t columns) const {
    if (feedback_row_nonzeros <= 0 || feedback_row_nonzeros >= columns) return 1.0;
    return static_cast<double>(feedback_row_nonzeros) / static_cast<double>(columns);
  }

  // Whether the rule has feedback matrices at all.
  bool has_feedback() const { return source != SignalSource::kChainTransposed; }
  // Whether hidden teaching signals pass from layer to layer (BP, FA) rather than being
  // projected to every layer at once (DFA, DRTP).
  bool chained() const {
    return source == SignalSource::kChainTransposed || source == SignalSource::kChainFeedback;
  }
  // Index of the layer that owns the feedback matrix a trainer names "feedback[index]": the
  // trainers number B by the hidden layer whose signal it makes; a chained B_{l+1} carries
  // delta_{l+1} down and belongs to layer l+1, as W_{l+1}^T does for BP.
  std::size_t feedback_owner(std::size_t index) const {
    return source == SignalSource::kChainFeedback ? index + 1 : index;
  }
};

const char* to_string(SignalSource source);

}  // namespace cimsim::sim

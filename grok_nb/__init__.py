"""Train small networks on finite-group multiplication and reverse-engineer them with representation theory and cosets

grok_nb is an executable paper and a Python library. It trains small networks on the multiplication table of a
finite group (the *grokking* setting: little data, weight decay, long training) and reverse-engineers what they
learned, two ways that the literature disagrees on:

- **representations** (Chughtai, Chan & Nanda 2023, *A Toy Model of Universality*): the network embeds a and b
  as irreducible representations ρ(a), ρ(b), forms ρ(ab), and scores each answer c by the character
  χ_ρ(a b c⁻¹);
- **cosets** (Stander, Yu, Fan & Biderman 2024, *Grokking Group Multiplication with Cosets*): each hidden neuron is
  constant on the cosets of one subgroup, and the network counts coset memberships.

Every chapter is a notebook: the mathematics in prose and formulas, the code that computes it, and assertions that
check it against independent facts. The library is what the notebooks export.

## Modules

One module per chapter; each page explains the mathematics, defines the code and checks it.

| module | what its chapter holds |
|---|---|
| [grok_nb.groups](https://grok-nb.github.io/grok_nb/groups.html) | Cayley tables, constructors ($C_n$, $D_n$, $S_n$, $A_n$, products, permutation groups, sympy, any table), validation, conjugacy classes |
| [grok_nb.subgroups](https://grok-nb.github.io/grok_nb/subgroups.html) | every subgroup up to order 720, cosets, normality, conjugacy classes of subgroups, names |
| [grok_nb.young](https://grok-nb.github.io/grok_nb/young.html) | partitions and tableaux, Young's orthogonal form, Murnaghan–Nakayama, Clausen's FFT |
| [grok_nb.representations](https://grok-nb.github.io/grok_nb/representations.html) | every real irrep of every group, Frobenius–Schur types, character tables |
| [grok_nb.decomposition](https://grok-nb.github.io/grok_nb/decomposition.html) | the real irreps of any Cayley table, found numerically, and the irreducible summands of any orthogonal representation |
| [grok_nb.fourier](https://grok-nb.github.io/grok_nb/fourier.html) | the Fourier transform on a group, Plancherel, fraction explained per irrep, functions of pairs |
| [grok_nb.checks](https://grok-nb.github.io/grok_nb/checks.html) | the input checks every entry point shares: one-line errors that name the problem and the fix |
| [grok_nb.data](https://grok-nb.github.io/grok_nb/data.html) | all pairs of a group, seeded train/test splits per ensemble member |
| [grok_nb.models](https://grok-nb.github.io/grok_nb/models.html) | the papers' four network families, ensemble-first, with one read-out interface for the analyses |
| [grok_nb.train](https://grok-nb.github.io/grok_nb/train.html) | batched AdamW over seeds, resumable run directories, schedules, presets for every paper's setting |
| [grok_nb.reference](https://grok-nb.github.io/grok_nb/reference.html) | the clean networks the chapters read, trained by one command and stored small |
| [grok_nb.irrep_analysis](https://grok-nb.github.io/grok_nb/irrep_analysis.html) | Chughtai et al.'s reading: variance per irrep, key irreps, restricted and excluded loss, over training; their checkpoints |
| [grok_nb.coset_analysis](https://grok-nb.github.io/grok_nb/coset_analysis.html) | Stander et al.'s reading: coset concentration of every neuron over every subgroup, interventions, both readings side by side |
| [grok_nb.margins](https://grok-nb.github.io/grok_nb/margins.html) | Morwani et al.'s reading: normalised margins, the max margin γ* for every group, the optimum built by hand |
| [grok_nb.universality](https://grok-nb.github.io/grok_nb/universality.html) | many seeds: which irreps each run learns, and in which order |
| [grok_nb.sweep](https://grok-nb.github.io/grok_nb/sweep.html) | grids of settings × groups × seeds as Dask tasks, on one machine or a cluster, resumable, with phase diagrams |
| [grok_nb.cli](https://grok-nb.github.io/grok_nb/cli.html) | the `grok-nb` command: `info`, `train`, `analyze`, `demo`, `reference` |"""

__version__ = "0.0.1"

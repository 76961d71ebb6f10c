"""Train small networks on finite-group multiplication and reverse-engineer them with representation theory and cosets

Modules:

- `grok_nb.representations`: Every real irreducible representation of every group grok_nb supports, as orthogonal matrices: closed forms for $C_n$, $D_n$, $S_n$, $A_n$ and direct products, a numerical decomposition for any Cayley table, and character tables.
- `grok_nb.young`: Partitions, standard tableaux, the hook length formula, Young's orthogonal form for every irreducible representation of $S_n$, Murnaghan–Nakayama characters, the association matrix that splits irreps on $A_n$, and Clausen's fast Fourier transform over $S_n$."""

__version__ = "0.0.1"

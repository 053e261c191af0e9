"""Matching and group formation: pure Python and NumPy, no Django.

profiles   who is being matched, and the criteria and weights that score a pair
encoding   profiles -> integer feature matrices whose product is every pair's score
scoring    the blocked matrix products, candidate pruning and repricing
feasible   the hard constraints, checked with bit masks on candidate pairs
assignment the exact b-matching (min-cost flow), its dual prices and the optimality proof
engine     the whole run: constraints, locks, pruning, solving, proof, unmatched reasons
explain    one pair's score, criterion by criterion
stable     mentee-optimal stable matching with mentor capacities
groups     balanced home groups
fairness   the fairness report of a run
"""

// The cluster tests measure failures under restarts on a 2-core machine: nothing else of this project runs meanwhile.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

"""Budget pages: the akun catalogue, pagu, checks against it, RPD and its realisation."""

namespace X { static class P { static int Main() => 0; } }

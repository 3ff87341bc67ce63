set terminal pngcairo size 1400,1000 font ",11"
set output 'cost-curve.png'
set multiplot layout 2,2 title "regkg cost curve: synthetic corpora of 1x-4x the full corpus (log-log axes; fits and host load in BENCHMARKS.md)"
set logscale xy 2
set xrange [0.8:5.0]
set xtics ("1x" 1, "2x" 2, "4x" 4)
set grid
set format y "%g"
set key top left opaque box
set offsets 0, 0, graph 0.35, 0
set xlabel "corpus size"
set title "CPU seconds (user+sys) to build, start and refresh"
set ylabel "CPU seconds"
plot 'cost-curve.dat' using 1:3 with linespoints lw 2 pt 7 title 'full ingest', \
  'cost-curve.dat' using 1:25 with linespoints lw 2 pt 7 title 'serve --follow start + first ingest', \
  'cost-curve.dat' using 1:29 with linespoints lw 2 pt 7 title 'refresh, one article (server)', \
  'cost-curve.dat' using 1:9 with linespoints lw 2 pt 7 title 'server start', \
  'cost-curve.dat' using 1:2 with linespoints dt 2 pt 6 lc rgb "gray40" title 'full ingest, wall (loaded host)'
set title "memory (peak RSS) and disk"
set ylabel "GiB"
plot 'cost-curve.dat' using 1:($4/1024.) with linespoints lw 2 pt 7 title 'ingest peak RSS', \
  'cost-curve.dat' using 1:($12/1024.) with linespoints lw 2 pt 7 title 'serve --follow peak RSS', \
  'cost-curve.dat' using 1:($11/1024.) with linespoints lw 2 pt 7 title 'server peak RSS (queries)', \
  'cost-curve.dat' using 1:($5/1024.) with linespoints lw 2 pt 7 title 'snapshot on disk', \
  'cost-curve.dat' using 1:($6/1024.) with linespoints lw 2 pt 7 title 'index on disk', \
  'cost-curve.dat' using 1:($7/1024.) with linespoints lw 2 pt 7 title 'graph.bin on disk', \
  22 with lines dt 2 lc rgb "red" title "22 GiB usable of 24"
set title "work per query: server CPU per request, library and Xapian times"
set ylabel "ms"
plot 'cost-curve.dat' using 1:15 with linespoints lw 2 pt 7 title 'server CPU per uncached search', \
  'cost-curve.dat' using 1:16 with linespoints lw 2 pt 7 title 'Xapian floor p50 (wall)', \
  'cost-curve.dat' using 1:19 with linespoints lw 2 pt 7 title 'server CPU per neighbourhood', \
  'cost-curve.dat' using 1:20 with linespoints lw 2 pt 7 title 'server CPU per paths', \
  'cost-curve.dat' using 1:($21/1000.) with linespoints lw 2 pt 7 title 'library 2-hop (uncapped), mean', \
  'cost-curve.dat' using 1:($22/1000.) with linespoints lw 2 pt 7 title 'library path, mean', \
  'cost-curve.dat' using 1:23 with linespoints lw 2 pt 7 title 'library PageRank'
set title "wall latency (host load average 8.03-20.32 on 2 cores)"
set ylabel "ms"
plot 'cost-curve.dat' using 1:13 with linespoints lw 2 pt 7 title 'search p50', \
  'cost-curve.dat' using 1:14 with linespoints lw 2 pt 7 title 'search p99', \
  'cost-curve.dat' using 1:17 with linespoints lw 2 pt 7 title 'neighbourhood p99', \
  'cost-curve.dat' using 1:18 with linespoints lw 2 pt 7 title 'paths p99', \
  'cost-curve.dat' using 1:27 with linespoints lw 2 pt 7 title 'refresh, one article', \
  'cost-curve.dat' using 1:26 with linespoints lw 2 pt 7 title 'refresh, new version', \
  2000 with lines dt 2 lc rgb "red" title "2 s (issue 5)"
unset multiplot

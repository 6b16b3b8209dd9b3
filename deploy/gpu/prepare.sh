#!/usr/bin/env bash
# Packs what deploy/gpu/train-scenery.sh needs on a GPU host that has PyTorch but no Java, so that it fits
# the 64 MiB a device call carries next to the repository: a Java runtime and the jars that the CLI's
# train, export and bench commands load (.gpu/, by ../shared/gpu/prepare; Kafka, HTTP and metrics stay
# behind), and the training crops shrunk to the trainer's load size as JPEG (.gpudata/train).
# With CHECKPOINT (a training checkpoint file), its networks as they were at that step, D_rec included, go to
# .gpudata/init (export --half --compact: 18 MB) for train-scenery.sh's INIT=.gpudata/init, so that a CPU run
# goes on from its own weights rather than from the served mean; models/scenery (30 MiB) must then stay
# behind: move it out of the checkout for that call, or the tree is over the 64 MiB a call carries.
# Needs ImageMagick (apt-get install imagemagick).
# usage: deploy/gpu/prepare.sh DATA_DIR [SIZE [CHECKPOINT]]   (from the repository root after mvn install; SIZE:
#        training size; QUALITY: JPEG quality, 88 by default; at 256 the wallpaper crops take about 11 MiB at 88)
set -euo pipefail
data=${1:?usage: deploy/gpu/prepare.sh DATA_DIR [SIZE [CHECKPOINT]]}
size=${2:-128}
checkpoint=${3:-}
load=$(( (size * 266 + 128) / 256 ))   # TrainingTransforms.loadSize: the trainer resizes to this, then crops

jars=$(tr ':' '\n' < deploy/target/classpath.txt \
    | grep -v -E 'junit|opentest4j|apiguardian|zstd-jni|snappy|kafka|prometheus|micrometer|HdrHistogram|LatencyUtils|lz4|commons-compress|vertx-(web|auth|kafka|micrometer|bridge)|netty-' \
    | paste -sd:)
netty=$(tr ':' '\n' < deploy/target/classpath.txt | grep -E 'netty-(common|buffer)-' | paste -sd:)
../shared/gpu/prepare deploy/target/classes "$jars" "$netty"

exclude=$(git rev-parse --git-path info/exclude)
grep -qx '/.gpudata/' "$exclude" || echo '/.gpudata/' >> "$exclude"
rm -rf .gpudata && mkdir -p .gpudata/train
# JPEG keeps the set small; the device's Java runtime has no libjpeg, so train-scenery.sh turns them into PNG there
mogrify -path .gpudata/train -resize "${load}x${load}!" -filter Triangle -quality "${QUALITY:-88}" -format jpg "$data"/*.png
if [ -n "$checkpoint" ]; then
    ./picnet export --checkpoint "$checkpoint" --half --compact --name scenery --to .gpudata/init
fi
du -sh .gpu .gpudata

#!/usr/bin/env bash
# Runs on a GPU host with no Java, through ../shared/gpu's device-java (deploy/gpu/README.md):
# GPU benchmarks, then continues training models/scenery for a fixed time and exports the result.
# usage: bash deploy/gpu/train-scenery.sh DATA_DIR TRAIN_SECONDS OUT_DIR   (after deploy/gpu/prepare.sh)
# Everything goes to OUT_DIR/log.txt; the model to OUT_DIR/model, the last preview to OUT_DIR/preview.png.
# The run stays in /tmp/run: while the machine is warm, `picnet train ... --resume` continues it.
# PICNET_JAVA and PICNET_DEVICE override the launcher and the device (a dry run on a CPU machine).
set -uo pipefail
data=$1 seconds=$2 out=$3
log="$out/log.txt"
launcher=${PICNET_JAVA:-bash .gpu/device-java -Xmx24g}
device=${PICNET_DEVICE:-gpu}
export OMP_WAIT_POLICY=PASSIVE
# picnet LIMIT_SECONDS SIGNAL ARGS...: one CLI command, its output (less DJL's CUDA probe warnings) into the log
picnet() {
    local limit=$1 signal=$2; shift 2
    timeout -s "$signal" "$limit" $launcher picnet.deploy.cli.PicnetCli "$@" 2>&1 \
        | grep --line-buffered -v 'WARN ai.djl.util.cuda' | tee -a "$log"
}
step() { echo "=== $(date -u +%T) $*" | tee -a "$log"; }

if compgen -G "$data/*.jpg" > /dev/null; then   # prepare.sh's JPEGs: the device's Java runtime reads no JPEG
    step "JPEG to PNG"
    python3 -c 'import glob, os, sys
from PIL import Image
os.makedirs("/tmp/train", exist_ok=True)
for f in glob.glob(sys.argv[1] + "/*.jpg"):
    Image.open(f).convert("RGB").save("/tmp/train/" + os.path.basename(f)[:-4] + ".png", compress_level=1)' "$data"
    data=/tmp/train
fi
step gpu; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 | tee -a "$log"
step "bench train 128 (choose the batch)"
picnet 150 TERM bench train --device "$device" --size 128 --batches ${BENCH_BATCHES:-8,16,32} --repeats 3
# images/s per batch from the table; a bigger batch only when it pays at least 1.4x
batch=$(awk '/^[0-9]+ +[0-9.]+ +[0-9.]+ *$/ {ips[$1]=$3} END {b=8; if (ips[16] > 1.4*ips[8]) b=16; if (b==16 && ips[32] > 1.4*ips[16]) b=32; print b}' "$log")
step "train $seconds s at batch $batch"
picnet "$seconds" INT train --device "$device" --data "$data" --out /tmp/run --size 128 --batch "$batch" --niter 1000000 --steps 1000000 \
    --checkpoint-every 250 --keep 2 --preview-every 250 --loader-threads 8 --seed 2 --init models/scenery
step export
picnet 60 TERM export --checkpoint /tmp/run --to "$out/model" --half --name scenery
preview=$(ls /tmp/run/previews/*.png 2>/dev/null | tail -1); [ -n "$preview" ] && cp "$preview" "$out/preview.png"
step "bench train 256"
picnet 90 TERM bench train --device "$device" --size 256 --batches 1,4,16 --repeats 3
step "bench sampling 128"
picnet 90 TERM bench sampling --device "$device" --model "$out/model" --size 128 --samples 1,10,50 --repeats 3
step done

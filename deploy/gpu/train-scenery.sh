#!/usr/bin/env bash
# Runs on a GPU host with no Java, through ../shared/gpu's device-java (deploy/gpu/README.md):
# continues training models/scenery for a fixed time and exports the result (GPU benchmarks with BENCH=1).
# usage: bash deploy/gpu/train-scenery.sh DATA_DIR TRAIN_SECONDS OUT_DIR   (after deploy/gpu/prepare.sh DATA SIZE)
# Everything goes to OUT_DIR/log.txt; to OUT_DIR/model the mean weights of the newest 4 checkpoints at a
# multiple of CHECKPOINT_EVERY steps (export --average 4; without D_rec, which serving does not need), to
# OUT_DIR/model-earlier the mean of the 4 ending two checkpoints before (E, G and D; it serves with
# model/config.json): 8 files, the most a device call brings back. With fewer than 4 checkpoints, model
# is the last one alone. Previews stay in /tmp/run/previews.
# The run stays in /tmp/run: while the machine is warm, a second call with RESUME=1 continues it.
# SIZE (128) trains at that size from INIT (models/scenery, any size); BATCH (32 at 128, 16 at 256) as
# measured in the README; SEED (2); MASKS (regular,irregular,center: train --masks, as in the CPU
# stages); D_AUGMENT (color,translation,cutout: train --d-augment, which made the shipped model's last
# CPU stages; none for the authors' objective); D_LR (4e-4: train --d-lr, the discriminators' rate in
# the last stage; 1e-4 is the authors' single rate); HOLE_L1 (1000: train --hole-l1, the weight of an L1
# term on the generative fill's hole in stages 9 to 17; 0 for the authors' objective); HOLE_BEST_OF (1: train
# --hole-best-of, prior samples per image of which the hole term takes the closest; 2 in stage 16, 4 in 17); WARMUP (0: train --warmup, steps over which
# the rates rise linearly from the start); CHECKPOINT_EVERY (250). PICNET_JAVA and PICNET_DEVICE override the launcher
# and the device (a dry run on a CPU machine).
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
    Image.open(f).convert("RGB").save("/tmp/train/" + os.path.basename(f)[:-4] + ".png", compress_level=1)' "$data" \
        2>&1 | tee -a "$log" || exit 1
    data=/tmp/train
fi
size=${SIZE:-128}
batch=${BATCH:-$(( size > 128 ? 16 : 32 ))}
every=${CHECKPOINT_EVERY:-250}
step gpu; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1 | tee -a "$log"
if [ "${BENCH:-0}" = 1 ]; then
    step "bench train $size"
    picnet 150 TERM bench train --device "$device" --size "$size" --batches 8,16,32 --repeats 3
fi
start=(--init "${INIT:-models/scenery}")
[ "${RESUME:-0}" = 1 ] && start=(--resume)
step "train $seconds s at size $size, batch $batch (${start[*]})"
picnet "$seconds" INT train --device "$device" --data "$data" --out /tmp/run --size "$size" --batch "$batch" \
    --niter 1000000 --steps 1000000 --checkpoint-every "$every" --keep 8 --preview-every "$every" --loader-threads 8 \
    --seed "${SEED:-2}" --masks "${MASKS:-regular,irregular,center}" "${start[@]}" \
    --d-augment "${D_AUGMENT:-color,translation,cutout}" --d-lr "${D_LR:-4e-4}" --hole-l1 "${HOLE_L1:-1000}" \
    --hole-best-of "${HOLE_BEST_OF:-1}" \
    --warmup "${WARMUP:-0}"
step export
# the checkpoints every $every steps, oldest first (the one written when the time ran out is left out)
mapfile -t regular < <(ls /tmp/run/checkpoints | awk -F'[-.]' '/^step-[0-9]+[.]safetensors$/ && $2 % every == 0' every="$every" | sort)
n=${#regular[@]}
if (( n >= 4 )); then
    picnet 60 TERM export --checkpoint "/tmp/run/checkpoints/${regular[n-1]}" --average 4 --to "$out/model" --half --name scenery
else
    picnet 60 TERM export --checkpoint /tmp/run --to "$out/model" --half --name scenery
fi
if (( n >= 6 )); then
    picnet 60 TERM export --checkpoint "/tmp/run/checkpoints/${regular[n-3]}" --average 4 --to "$out/model-earlier" --half --name scenery
    rm -f "$out/model-earlier/D_rec.safetensors" "$out/model-earlier/config.json"
fi
rm -f "$out/model/D_rec.safetensors"
if [ "${BENCH:-0}" = 1 ]; then
    step "bench sampling $size"
    picnet 90 TERM bench sampling --device "$device" --model "$out/model" --size "$size" --samples 1,10,50 --repeats 3
fi
step done

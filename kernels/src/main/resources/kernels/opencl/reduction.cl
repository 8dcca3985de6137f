/*
 * Reductions in two stages: each work-group writes one partial, the host adds the few partials in
 * double precision. The grid is fixed by the host for a given size, so results are deterministic.
 */
#define MODE_SUM 0
#define MODE_SQUARES 1
#define MODE_ABS 2

/* Grid-stride accumulation with Kahan compensation, then a tree over the (power-of-two) group. */
__kernel void reduce_partials(__global const float* x, const int n, const int mode,
                              __global float* partials, __local float* tmp)
{
    const int lid = get_local_id(0);
    float sum = 0.0f, carry = 0.0f;
    for (int i = get_global_id(0); i < n; i += get_global_size(0)) {
        const float v = x[i];
        const float term = mode == MODE_SQUARES ? v * v : (mode == MODE_ABS ? fabs(v) : v);
        const float yk = term - carry;
        const float t = sum + yk;
        carry = (t - sum) - yk;
        sum = t;
    }
    tmp[lid] = sum;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = get_local_size(0) / 2; s > 0; s >>= 1) {
        if (lid < s) tmp[lid] += tmp[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) partials[get_group_id(0)] = tmp[0];
}

/* Index of the first maximum of a row. */
inline int row_argmax(__global const float* row, const int cols)
{
    int best = 0;
    float bestValue = row[0];
    for (int j = 1; j < cols; j++)
        if (row[j] > bestValue) { bestValue = row[j]; best = j; }
    return best;
}

/*
 * Counts rows whose score argmax equals the target argmax; with one column a row counts when the
 * logit's sign (score >= 0) agrees with target >= 0.5.
 */
__kernel void argmax_match_partials(__global const float* scores, __global const float* targets,
                                    const int rows, const int cols,
                                    __global int* partials, __local int* tmp)
{
    const int lid = get_local_id(0);
    int count = 0;
    for (int r = get_global_id(0); r < rows; r += get_global_size(0)) {
        if (cols == 1) {
            count += (scores[r] >= 0.0f) == (targets[r] >= 0.5f) ? 1 : 0;
        } else {
            count += row_argmax(scores + r * cols, cols) == row_argmax(targets + r * cols, cols) ? 1 : 0;
        }
    }
    tmp[lid] = count;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = get_local_size(0) / 2; s > 0; s >>= 1) {
        if (lid < s) tmp[lid] += tmp[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) partials[get_group_id(0)] = tmp[0];
}
